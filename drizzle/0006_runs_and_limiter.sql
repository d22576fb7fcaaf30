ALTER TABLE "connections" ADD COLUMN "refresh_lease_id" uuid;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "refresh_lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "refresh_epoch" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rate_limit_keys" ADD COLUMN "interactive_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rate_limit_keys" ADD COLUMN "paced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rate_limit_slots" ADD COLUMN "done_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rate_limit_slots" ADD COLUMN "interactive" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "owner" text;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "epoch" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "pace" jsonb;