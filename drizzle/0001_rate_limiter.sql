CREATE TABLE "rate_limit_keys" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rate_limit_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"client_id" text NOT NULL,
	"fortnox_tenant_id" bigint NOT NULL,
	"paused_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rate_limit_slots" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rate_limit_slots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"key_id" bigint NOT NULL,
	"granted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rate_limit_slots" ADD CONSTRAINT "rate_limit_slots_key_id_rate_limit_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."rate_limit_keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rate_limit_keys_client_tenant_key" ON "rate_limit_keys" USING btree ("client_id","fortnox_tenant_id");--> statement-breakpoint
CREATE INDEX "rate_limit_slots_key_granted_idx" ON "rate_limit_slots" USING btree ("key_id","granted_at");