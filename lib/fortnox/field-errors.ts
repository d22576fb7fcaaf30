import { AppError } from "@/lib/errors";
import { msg } from "@/lib/forms/message-ref";

import { FortnoxError, isPermissionError, toAppError } from "./errors";

import { ARTICLE_FIELDS } from "./writes/articles";
import { CUSTOMER_FIELDS } from "./writes/customers";
import { INVOICE_FIELDS, INVOICE_ROW_FIELDS } from "./writes/invoices";

/**
 * Fortnox's validation errors, pinned to the form field they concern so the user sees them next to
 * what to fix. Fortnox names fields inconsistently: "(rad 2)" for a row, the
 * PascalCase field in brackets for type errors, a number in the text for "already used". What is not
 * recognisable stays a form-level message. Messages are references (lib/forms/message-ref).
 */

export type WriteForm = "customer" | "article" | "invoice";

/** What the mapping needs to know about the rows sent, to name the account Fortnox could not find. */
export interface RowContext {
  articleNumber?: string | null;
  accountNumber?: number | null;
  vat?: number | null;
}

export interface FieldErrorContext {
  form: WriteForm;
  rows?: readonly RowContext[];
}

export interface MappedFortnoxError {
  /** Form field (dot path) → message references. */
  fields: Record<string, string[]>;
  /** A form-level message reference, when no field could be named. */
  formMessage: string | null;
}

/** The BAS accounts Swedish companies use as predefined sales accounts per VAT rate. */
export const BAS_SALES_ACCOUNTS: Readonly<Record<number, number>> = { 25: 3001, 12: 3002, 6: 3003, 0: 3004 };

const invert = (m: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [v.toLowerCase(), k]));
const HEADER_FIELDS: Record<WriteForm, Record<string, string>> = {
  customer: { ...invert(CUSTOMER_FIELDS), phone: "phone", phone2: "phone" },
  article: invert(ARTICLE_FIELDS),
  invoice: invert(INVOICE_FIELDS),
};
const ROW_FIELDS = invert(INVOICE_ROW_FIELDS);
const NUMBER_FIELD: Record<WriteForm, string> = { customer: "customerNumber", article: "articleNumber", invoice: "customerNumber" };

/** "(rad 3)" → row index 2. */
function rowIndex(message: string): number | null {
  const m = /\brad\s+(\d+)\b/i.exec(message);
  return m ? Number(m[1]) - 1 : null;
}

/** The Fortnox field name a message mentions: "(Price)", "Värdet för VAT är ogiltigt", "Name är obligatoriskt". */
function namedField(message: string): string | null {
  const m = /\(([A-Za-z][A-Za-z0-9]*)\)|Värdet för ([A-Za-z][A-Za-z0-9]*)|^([A-Z][A-Za-z0-9]*) är obligatoriskt/.exec(message);
  return m ? (m[1] ?? m[2] ?? m[3] ?? null) : null;
}

function one(field: string, ref: string): MappedFortnoxError {
  return { fields: { [field]: [ref] }, formMessage: null };
}

/** 2001304: name the missing account for each row it can concern, and where it is set up in Fortnox. */
function accountNotFound(ctx: FieldErrorContext, message: string): MappedFortnoxError {
  const rows = ctx.rows ?? [];
  const explain = (row: RowContext): string => {
    if (row.accountNumber) return msg("write.err.accountMissing", { account: row.accountNumber });
    if (row.articleNumber) return msg("write.err.articleAccountMissing", { article: row.articleNumber });
    const vat = row.vat ?? 25;
    return msg("write.err.predefinedAccountMissing", { vat, account: BAS_SALES_ACCOUNTS[vat] ?? 3001 });
  };
  const named = rowIndex(message);
  // Fortnox does not always say which row: then it is the rows that fall back to predefined accounts.
  const candidates = named !== null && rows[named] ? [named] : rows.flatMap((r, i) => (!r.accountNumber && !r.articleNumber ? [i] : []));
  if (candidates.length === 0) return { fields: {}, formMessage: msg("write.err.accountMissingSomewhere") };
  return { fields: Object.fromEntries(candidates.map((i) => [`rows.${i}.accountNumber`, [explain(rows[i]!)]])), formMessage: null };
}

/** A type or value error on a named field, in the header or on a row. */
function typeError(ctx: FieldErrorContext, message: string, ref: string): MappedFortnoxError | null {
  const name = namedField(message)?.toLowerCase();
  if (!name) return null;
  const header = HEADER_FIELDS[ctx.form][name];
  if (header) return one(header, ref);
  const rowField = ctx.form === "invoice" ? ROW_FIELDS[name] : undefined;
  const row = rowIndex(message);
  if (rowField && row !== null) return one(`rows.${row}.${rowField}`, ref);
  if (rowField && (ctx.rows?.length ?? 0) === 1) return one(`rows.0.${rowField}`, ref);
  return null;
}

/**
 * Map one Fortnox rejection (its code and message) onto the form. Null when nothing in it is
 * recognisable; the caller then shows Fortnox's own text at form level.
 */
export function mapFortnoxFieldErrors(code: number | undefined, message: string, ctx: FieldErrorContext): MappedFortnoxError | null {
  switch (code) {
    case 2000637: // Kundnummer N används redan (also after deletion)
    case 2000013: // Artikelnummer används redan
      return ctx.form === "invoice" ? null : one(NUMBER_FIELD[ctx.form], msg(code === 2000637 ? "write.err.customerNumberTaken" : "write.err.articleNumberTaken"));
    case 2001304:
      if (ctx.form === "invoice") return accountNotFound(ctx, message);
      if (ctx.form === "article") return one("salesAccount", msg("write.err.articleSalesAccountMissing"));
      return null;
    case 2001302: {
      // Kunde inte hitta artikel (rad N)
      const row = rowIndex(message);
      return row !== null ? one(`rows.${row}.articleNumber`, msg("write.err.articleNotFound")) : null;
    }
    case 2000204: // Kunde inte hämta/hitta kund (kundnummer)
      return ctx.form === "invoice" ? one("customerNumber", msg("write.err.customerNotFound")) : null;
    case 2000108:
      return typeError(ctx, message, msg("write.err.number"));
    case 2000134:
      return typeError(ctx, message, msg("write.err.boolean"));
    case 2000106:
    case 2000359:
    case 2000729: {
      if (/rabatt/i.test(message) && rowIndex(message) !== null) return one(`rows.${rowIndex(message)!}.discount`, msg("write.err.discount"));
      return typeError(ctx, message, msg("write.err.fortnoxValue", { detail: message }));
    }
    default:
      return null;
  }
}

/**
 * Any failure of a write turned into the AppError an action returns: a Fortnox validation error
 * becomes `fortnox_rejected` with field errors where they can be named (and Fortnox's own words at
 * form level otherwise); everything else keeps the boundary's mapping (reconnect, rate limit, …).
 */
export function fortnoxWriteError(error: unknown, ctx: FieldErrorContext): AppError {
  const e = error;
  if (!(e instanceof FortnoxError) || e.status < 400 || e.status >= 500 || e.status === 401 || e.status === 404 || e.status === 429 || isPermissionError(e)) {
    return toAppError(e);
  }
  const mapped = mapFortnoxFieldErrors(e.code, e.message, ctx);
  const detail = `${e.message}${e.code !== undefined ? ` (${e.code})` : ""}`;
  if (mapped && Object.keys(mapped.fields).length > 0) return new AppError("fortnox_rejected", msg("write.error.fortnoxFields", { detail }), mapped.fields, { cause: e });
  return new AppError("fortnox_rejected", mapped?.formMessage ?? msg("write.error.fortnoxRejected", { detail }), undefined, { cause: e });
}
