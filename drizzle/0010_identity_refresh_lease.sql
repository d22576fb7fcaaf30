ALTER TABLE "identities" ADD COLUMN "refresh_lease_id" uuid;--> statement-breakpoint
ALTER TABLE "identities" ADD COLUMN "refresh_lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "identities" ADD COLUMN "refresh_epoch" integer DEFAULT 0 NOT NULL;