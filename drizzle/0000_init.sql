CREATE TYPE "public"."connection_status" AS ENUM('active', 'needs_reconnect', 'disconnected');--> statement-breakpoint
CREATE TYPE "public"."fortnox_environment" AS ENUM('production', 'test');--> statement-breakpoint
CREATE TYPE "public"."sync_kind" AS ENUM('full', 'incremental', 'reconcile', 'realtime');--> statement-breakpoint
CREATE TYPE "public"."sync_status" AS ENUM('queued', 'running', 'succeeded', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."membership_role" AS ENUM('admin', 'member');--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid,
	"connection_id" uuid,
	"user_id" uuid,
	"type" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"environment" "fortnox_environment" DEFAULT 'production' NOT NULL,
	"status" "connection_status" DEFAULT 'active' NOT NULL,
	"scopes" text[] NOT NULL,
	"service_account" boolean DEFAULT false NOT NULL,
	"access_token_enc" text,
	"refresh_token_enc" text,
	"key_id" text,
	"access_token_expires_at" timestamp with time zone,
	"refresh_token_expires_at" timestamp with time zone,
	"last_refreshed_at" timestamp with time zone,
	"refresh_failures" integer DEFAULT 0 NOT NULL,
	"last_error_code" text,
	"last_error_message" text,
	"connected_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"article_number" text NOT NULL,
	"description" text NOT NULL,
	"type" text,
	"unit" text,
	"sales_price" numeric(16, 2),
	"purchase_price" numeric(16, 2),
	"vat" numeric(5, 2),
	"quantity_in_stock" numeric(16, 3),
	"active" boolean DEFAULT true NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"customer_number" text NOT NULL,
	"name" text NOT NULL,
	"organisation_number" text,
	"type" text,
	"email" text,
	"phone" text,
	"city" text,
	"zip_code" text,
	"active" boolean DEFAULT true NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "invoice_rows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"invoice_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"row_id" integer,
	"article_number" text,
	"description" text,
	"account_number" integer,
	"quantity" numeric(16, 3),
	"unit" text,
	"price" numeric(16, 2),
	"discount" numeric(16, 2),
	"vat" numeric(5, 2),
	"total" numeric(16, 2),
	"raw" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"document_number" bigint NOT NULL,
	"customer_number" text NOT NULL,
	"customer_name" text NOT NULL,
	"invoice_date" date,
	"due_date" date,
	"final_pay_date" date,
	"currency" text DEFAULT 'SEK' NOT NULL,
	"total" numeric(16, 2) NOT NULL,
	"total_vat" numeric(16, 2),
	"net" numeric(16, 2),
	"balance" numeric(16, 2) NOT NULL,
	"ocr" text,
	"booked" boolean DEFAULT false NOT NULL,
	"cancelled" boolean DEFAULT false NOT NULL,
	"sent" boolean DEFAULT false NOT NULL,
	"credit" boolean DEFAULT false NOT NULL,
	"credit_invoice_reference" bigint,
	"vat_included" boolean,
	"raw" jsonb NOT NULL,
	"detail_synced_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"kind" "sync_kind" NOT NULL,
	"status" "sync_status" DEFAULT 'queued' NOT NULL,
	"resources" text[] NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"checkpoint" jsonb,
	"cursor" jsonb,
	"requests" integer DEFAULT 0 NOT NULL,
	"rate_limited" integer DEFAULT 0 NOT NULL,
	"retries" integer DEFAULT 0 NOT NULL,
	"error_code" text,
	"error_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sync_settings" (
	"connection_id" uuid PRIMARY KEY NOT NULL,
	"resources" text[] DEFAULT '{"customers","articles","invoices"}' NOT NULL,
	"interval_minutes" integer DEFAULT 60 NOT NULL,
	"realtime" boolean DEFAULT true NOT NULL,
	"reconcile_interval_hours" integer DEFAULT 24 NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"role" "membership_role" DEFAULT 'member' NOT NULL,
	"fortnox_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fortnox_tenant_id" bigint NOT NULL,
	"organisation_number" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"locale" text DEFAULT 'sv' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_connected_by_user_id_users_id_fk" FOREIGN KEY ("connected_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_rows" ADD CONSTRAINT "invoice_rows_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_rows" ADD CONSTRAINT "invoice_rows_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_settings" ADD CONSTRAINT "sync_settings_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_tenant_created_idx" ON "audit_events" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "connections_tenant_key" ON "connections" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "connections_status_refreshed_idx" ON "connections" USING btree ("status","last_refreshed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "articles_connection_number_key" ON "articles" USING btree ("connection_id","article_number");--> statement-breakpoint
CREATE INDEX "articles_connection_description_idx" ON "articles" USING btree ("connection_id","description","id");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_connection_number_key" ON "customers" USING btree ("connection_id","customer_number");--> statement-breakpoint
CREATE INDEX "customers_connection_name_idx" ON "customers" USING btree ("connection_id","name","id");--> statement-breakpoint
CREATE INDEX "customers_connection_orgno_idx" ON "customers" USING btree ("connection_id","organisation_number");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_rows_invoice_position_key" ON "invoice_rows" USING btree ("invoice_id","position");--> statement-breakpoint
CREATE INDEX "invoice_rows_article_idx" ON "invoice_rows" USING btree ("connection_id","article_number");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_connection_number_key" ON "invoices" USING btree ("connection_id","document_number");--> statement-breakpoint
CREATE INDEX "invoices_connection_date_idx" ON "invoices" USING btree ("connection_id","invoice_date","document_number");--> statement-breakpoint
CREATE INDEX "invoices_connection_customer_idx" ON "invoices" USING btree ("connection_id","customer_number","invoice_date");--> statement-breakpoint
CREATE INDEX "invoices_connection_ocr_idx" ON "invoices" USING btree ("connection_id","ocr");--> statement-breakpoint
CREATE INDEX "invoices_connection_unpaid_due_idx" ON "invoices" USING btree ("connection_id","due_date") WHERE "invoices"."balance" <> 0 and not "invoices"."cancelled";--> statement-breakpoint
CREATE INDEX "sync_runs_connection_created_idx" ON "sync_runs" USING btree ("connection_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_user_tenant_key" ON "memberships" USING btree ("user_id","tenant_id");--> statement-breakpoint
CREATE INDEX "memberships_tenant_idx" ON "memberships" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tenants_fortnox_tenant_id_key" ON "tenants" USING btree ("fortnox_tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));