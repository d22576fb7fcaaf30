CREATE TYPE "public"."sync_trigger" AS ENUM('schedule', 'manual', 'connect', 'realtime');--> statement-breakpoint
CREATE TABLE "realtime_offsets" (
	"client_id" text NOT NULL,
	"topic" text NOT NULL,
	"offset" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "realtime_offsets_client_id_topic_pk" PRIMARY KEY("client_id","topic")
);
--> statement-breakpoint
CREATE TABLE "sync_cursors" (
	"connection_id" uuid NOT NULL,
	"resource" text NOT NULL,
	"high_water" timestamp with time zone,
	"last_full_at" timestamp with time zone,
	"last_reconcile_at" timestamp with time zone,
	CONSTRAINT "sync_cursors_connection_id_resource_pk" PRIMARY KEY("connection_id","resource")
);
--> statement-breakpoint
ALTER TABLE "articles" ALTER COLUMN "active" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "articles" ALTER COLUMN "active" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ALTER COLUMN "active" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "customers" ALTER COLUMN "active" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "detail" jsonb;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "needs_detail" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "trigger" "sync_trigger" DEFAULT 'schedule' NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "heartbeat_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sync_cursors" ADD CONSTRAINT "sync_cursors_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoices_connection_needs_detail_idx" ON "invoices" USING btree ("connection_id","document_number") WHERE "invoices"."needs_detail";--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_one_open_per_connection" ON "sync_runs" USING btree ("connection_id") WHERE "sync_runs"."status" in ('queued', 'running');