ALTER TABLE "sync_runs" ADD COLUMN "owner" text;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "epoch" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "pace" jsonb;