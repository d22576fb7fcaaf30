-- pg_trgm ships with PostgreSQL (contrib) and with PGlite (loaded in lib/db/client.ts); drizzle-kit does not emit extensions.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "invoices_connection_due_idx" ON "invoices" USING btree ("connection_id","due_date","document_number");--> statement-breakpoint
CREATE INDEX "invoices_connection_total_idx" ON "invoices" USING btree ("connection_id","total","document_number");--> statement-breakpoint
CREATE INDEX "invoices_connection_balance_idx" ON "invoices" USING btree ("connection_id","balance","document_number");--> statement-breakpoint
CREATE INDEX "invoices_connection_customer_name_idx" ON "invoices" USING btree ("connection_id","customer_name","document_number");--> statement-breakpoint
CREATE INDEX "invoices_customer_name_trgm_idx" ON "invoices" USING gin ("customer_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "invoices_customer_number_trgm_idx" ON "invoices" USING gin ("customer_number" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "invoices_ocr_trgm_idx" ON "invoices" USING gin ("ocr" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "invoices_document_number_trgm_idx" ON "invoices" USING gin (("document_number"::text) gin_trgm_ops);