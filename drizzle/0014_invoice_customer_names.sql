CREATE TABLE "invoice_customer_names" (
	"connection_id" uuid NOT NULL,
	"customer_name" text NOT NULL,
	"folded" text GENERATED ALWAYS AS (lower("invoice_customer_names"."customer_name")) STORED NOT NULL,
	CONSTRAINT "invoice_customer_names_connection_id_customer_name_pk" PRIMARY KEY("connection_id","customer_name")
);
--> statement-breakpoint
DROP INDEX "invoices_customer_name_trgm_idx";--> statement-breakpoint
ALTER TABLE "invoice_customer_names" ADD CONSTRAINT "invoice_customer_names_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoice_customer_names_trgm_idx" ON "invoice_customer_names" USING gin ("folded" gin_trgm_ops);--> statement-breakpoint
-- The names of invoices inserted by a statement, once per statement (a sync page of 500 invoices
-- names a few dozen customers). Sorted, so two writers add shared names in one order and cannot deadlock.
CREATE FUNCTION "invoice_customer_names_from_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "invoice_customer_names" ("connection_id", "customer_name")
  SELECT DISTINCT "connection_id", "customer_name" FROM "inserted_invoices" ORDER BY 1, 2
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "invoices_customer_names_on_insert" AFTER INSERT ON "invoices" REFERENCING NEW TABLE AS "inserted_invoices" FOR EACH STATEMENT EXECUTE FUNCTION "invoice_customer_names_from_inserted"();--> statement-breakpoint
-- A renamed invoice, row by row: only rows whose name really changed fire it (upserts rewrite every
-- invoice a listing shows, and a statement trigger would go through all of them).
CREATE FUNCTION "invoice_customer_names_from_renamed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "invoice_customer_names" ("connection_id", "customer_name") VALUES (NEW."connection_id", NEW."customer_name")
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "invoices_customer_names_on_rename" AFTER UPDATE OF "customer_name", "connection_id" ON "invoices" FOR EACH ROW
  WHEN (OLD."customer_name" IS DISTINCT FROM NEW."customer_name" OR OLD."connection_id" IS DISTINCT FROM NEW."connection_id")
  EXECUTE FUNCTION "invoice_customer_names_from_renamed"();--> statement-breakpoint
INSERT INTO "invoice_customer_names" ("connection_id", "customer_name") SELECT DISTINCT "connection_id", "customer_name" FROM "invoices" ON CONFLICT DO NOTHING;
