import { FortnoxApiError } from "../core/errors";
import type { TestDatabase, Wire } from "../core/types";
import { FOREIGN_SALES_ACCOUNTS } from "../seed/foreign";
import { applyArticleDefaults, fromOre, num, resolveRowAccount, toOre } from "../seed/invoice-math";

import { INVALID_VALUE_CODE, invalidValue } from "./validate";

/**
 * Invoice rows as Fortnox stores them on POST and PUT: article defaults, a ledger account that
 * resolves (else 2001304), row limits, and Fortnox's two PUT row-matching rules. Rows arrive
 * already type-checked against ROW_FIELDS.
 */

/** Fortnox's VAT codes (momskoder) per rate, as on seeded rows. */
const VAT_CODES: Readonly<Record<number, string>> = { 25: "MP1", 12: "MP2", 6: "MP3", 0: "MF" };

const BLANK_ROW: Wire = { CostCenter: "", Discount: 0, DiscountType: "PERCENT", HouseWork: false, HouseWorkHoursToReport: 0, Project: "", StockPointCode: "", Unit: "" };

/**
 * RowIds are unique across the database (as seeded and as in Fortnox), so a stale RowId from before
 * an update can never match a regenerated one. The counter starts above the highest id in use; it
 * lives beside the database rather than in it because the stored shape belongs to the core.
 */
const rowIdCounters = new WeakMap<TestDatabase, number>();

function takeRowId(db: TestDatabase): number {
  let next = rowIdCounters.get(db);
  if (next === undefined) {
    next = 1;
    for (const rec of db.invoices.values()) {
      const rows = rec.data.InvoiceRows;
      if (Array.isArray(rows)) for (const r of rows as Wire[]) next = Math.max(next, num(r.RowId) + 1);
    }
  }
  rowIdCounters.set(db, next + 1);
  return next;
}

/** Fresh RowIds for every row; Fortnox regenerates all of them on every write (docs/fortnox.md#api-conventions). */
export function renumberRows(db: TestDatabase, rows: readonly Wire[]): Wire[] {
  return rows.map((r) => ({ ...r, RowId: takeRowId(db) }));
}

export interface RowContext {
  db: TestDatabase;
  vatIncluded: boolean;
  /** SEK per unit of the invoice currency; article prices are in SEK. */
  currencyRate: number;
  /** The customer is invoiced without Swedish VAT (reverse charge in the EU, or export). */
  zeroVat?: keyof typeof FOREIGN_SALES_ACCOUNTS | null;
}

const rowError = (code: number, message: string, i: number) => new FortnoxApiError(400, code, `${message} (rad ${i + 1})`);

/** One row completed from its article and checked; throws the Fortnox error a bad row gets. */
export function prepareRow(ctx: RowContext, row: Wire, i: number): Wire {
  const articleNumber = typeof row.ArticleNumber === "string" && row.ArticleNumber !== "" ? row.ArticleNumber : undefined;
  const article = articleNumber === undefined ? undefined : ctx.db.articles.get(articleNumber)?.data;
  if (articleNumber !== undefined && !article) throw rowError(2001302, "Kunde inte hitta artikel", i);
  let priced = row;
  if (ctx.zeroVat && row.VAT === undefined) {
    // As on the seeded invoices: no Swedish VAT, and the article's sales go to the sales-abroad account.
    const own = row.AccountNumber ?? (article ? FOREIGN_SALES_ACCOUNTS[ctx.zeroVat][article.Type === "STOCK" ? "goods" : "services"] : undefined);
    priced = { ...row, VAT: 0, ...(own === undefined ? {} : { AccountNumber: own }) };
  }
  if (article && priced.Price === undefined && ctx.currencyRate !== 1) {
    const vat = num(priced.VAT ?? article.VAT, 25);
    const sek = num(article.SalesPrice) * (ctx.vatIncluded ? 1 + vat / 100 : 1);
    priced = { ...priced, Price: fromOre(toOre(sek / ctx.currencyRate)) };
  }
  const filled: Wire = { ...BLANK_ROW, ...applyArticleDefaults(priced, article, ctx.vatIncluded) };
  if (filled.DiscountType === "PERCENT" && num(filled.Discount) > 100) throw rowError(INVALID_VALUE_CODE, "Rabatten får inte överstiga 100 %", i);
  const vat = num(filled.VAT, 25);
  const account = resolveRowAccount({ ...filled, VAT: vat }, article, ctx.db.predefinedAccounts);
  // Row without an account of its own, no article account and no predefined account for its VAT rate.
  if (account === null) throw new FortnoxApiError(400, 2001304, "Kunde inte hitta konto");
  if (account < 1000 || account > 9999) throw rowError(2001304, "Kunde inte hitta konto", i);
  return {
    ...filled,
    AccountNumber: account,
    ArticleNumber: articleNumber ?? "",
    // A missing quantity is 0, not 1: a client that forgets it should see a zero row here, not only in production.
    DeliveredQuantity: filled.DeliveredQuantity ?? "0",
    Description: typeof filled.Description === "string" ? filled.Description : "",
    VAT: vat,
    VATCode: typeof filled.VATCode === "string" && filled.VATCode !== "" ? filled.VATCode : (VAT_CODES[vat] ?? ""),
  };
}

/** Rows as the request gives them after article defaults: the stored form minus computed amounts. */
function stripComputed(row: Wire): Wire {
  const { Total: _t, TotalExcludingVAT: _te, PriceExcludingVAT: _p, ContributionPercent: _cp, ContributionValue: _cv, ...rest } = row;
  return rest;
}

/**
 * Fortnox's PUT row rules (docs/fortnox.md#api-conventions, the spec's update operation):
 * - no RowId on any row: row i updates stored row i; stored rows beyond the sent ones are removed;
 * - some RowIds: a row with a RowId updates that row (`{"RowId": n}` alone keeps it unchanged), a
 *   row without one is added, stored rows not mentioned are removed. An unknown RowId is an error.
 * Computed amounts of an updated row are recomputed, so they are dropped from the merged result.
 */
export function mergeRows(existing: readonly Wire[], incoming: readonly Wire[]): Wire[] {
  if (!incoming.some((r) => r.RowId !== undefined)) {
    return incoming.map((r, i) => {
      const old = existing[i];
      return old ? { ...stripComputed(old), ...r } : r;
    });
  }
  const byId = new Map(existing.map((r) => [num(r.RowId), r]));
  return incoming.map((r) => {
    if (r.RowId === undefined) return r;
    const old = byId.get(num(r.RowId));
    if (!old) throw invalidValue("RowId", `rad ${num(r.RowId)} finns inte på fakturan`);
    return { ...stripComputed(old), ...r };
  });
}
