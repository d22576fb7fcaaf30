-- The trigram indexes keep the same definition; only their pending list is capped (see
-- SMALL_GIN_PENDING_LIST in lib/db/schema/records.ts), so they are altered, never rebuilt.
ALTER INDEX "invoices_customer_name_trgm_idx" SET (gin_pending_list_limit=64);--> statement-breakpoint
ALTER INDEX "invoices_customer_number_trgm_idx" SET (gin_pending_list_limit=64);--> statement-breakpoint
ALTER INDEX "invoices_ocr_trgm_idx" SET (gin_pending_list_limit=64);--> statement-breakpoint
ALTER INDEX "invoices_document_number_trgm_idx" SET (gin_pending_list_limit=64);
