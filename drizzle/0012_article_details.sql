-- Article list items carry no Type, Active or accounts (docs/fortnox.md#api-conventions): articles get a detail
-- phase like invoices. Existing articles start flagged, so the next sync fetches each of them once.
ALTER TABLE "articles" ADD COLUMN "detail" jsonb;--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "needs_detail" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX "articles_connection_needs_detail_idx" ON "articles" USING btree ("connection_id","article_number") WHERE "articles"."needs_detail";