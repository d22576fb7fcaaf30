DROP INDEX "invoices_connection_ocr_idx";--> statement-breakpoint
DROP INDEX "invoices_customer_number_trgm_idx";--> statement-breakpoint
DROP INDEX "invoices_ocr_trgm_idx";--> statement-breakpoint
DROP INDEX "invoices_document_number_trgm_idx";--> statement-breakpoint
CREATE INDEX "invoices_connection_customer_number_prefix_idx" ON "invoices" USING btree ("connection_id",lower("customer_number") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "invoices_connection_ocr_prefix_idx" ON "invoices" USING btree ("connection_id",lower("ocr") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "invoices_connection_document_number_prefix_idx" ON "invoices" USING btree ("connection_id",("document_number"::text) text_pattern_ops);