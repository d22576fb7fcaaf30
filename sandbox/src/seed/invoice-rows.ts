/**
 * Invoice rows for generated invoices: 1–6 articles per invoice with plausible quantities per unit,
 * occasional percentage discounts, and prices in the invoice's currency and VAT mode.
 */
import type { PredefinedAccounts, Wire } from "../core/types";
import { FOREIGN_SALES_ACCOUNTS } from "./foreign";
import { formatQuantity, fromOre, num, resolveRowAccount, toOre } from "./invoice-math";
import type { Rng } from "./prng";

const ROW_COUNT_WEIGHTS = [
  [1, 35], [2, 25], [3, 15], [4, 12], [5, 8], [6, 5],
] as const;

/** Fortnox's VAT codes (momskoder) per rate. */
const VAT_CODES: Readonly<Record<number, string>> = { 25: "MP1", 12: "MP2", 6: "MP3", 0: "MF" };

/** Quantity per unit; private customers (`small`) buy less than companies. */
function quantityFor(rng: Rng, unit: string, small: boolean): number {
  switch (unit) {
    case "h":
      return rng.int(1, small ? 16 : 80) / 2;
    case "kg":
      return rng.int(10, small ? 100 : 500);
    case "m":
      return rng.int(5, small ? 40 : 200);
    case "mån":
      return rng.pick([1, 1, 1, 3, 6, 12]);
    case "l":
    case "förp":
      return rng.int(1, small ? 5 : 20);
    default:
      return rng.chance(0.6) ? 1 : rng.int(2, small ? 3 : 10);
  }
}

export interface RowContext {
  rng: Rng;
  articles: readonly Wire[];
  predefined: PredefinedAccounts | null;
  /** Private customer: prices include VAT (and quantities are household-sized). */
  vatIncluded: boolean;
  /** SEK per unit of invoice currency (1 for SEK). */
  currencyRate: number;
  /** Next RowId; RowIds are unique across the database, as in Fortnox. */
  nextRowId: { value: number };
  /** A customer abroad: rows carry no Swedish VAT and book to the sales-abroad accounts. */
  zeroVat?: keyof typeof FOREIGN_SALES_ACCOUNTS | null;
}

/** Raw rows (amount fields filled later by computeInvoice). */
export function generateRows(ctx: RowContext): Wire[] {
  const { rng, articles } = ctx;
  const count = rng.weighted(ROW_COUNT_WEIGHTS);
  const rows: Wire[] = new Array<Wire>(count);
  for (let i = 0; i < count; i++) {
    const article = articles[rng.skewedIndex(articles.length, 1.6)] as Wire;
    const vat = ctx.zeroVat ? 0 : num(article.VAT, 25);
    const unit = typeof article.Unit === "string" ? article.Unit : "st";
    const priceSek = num(article.SalesPrice) * (ctx.vatIncluded ? 1 + vat / 100 : 1);
    const row: Wire = {
      AccountNumber: 0,
      ArticleNumber: article.ArticleNumber,
      ContributionPercent: "",
      ContributionValue: "",
      CostCenter: "",
      DeliveredQuantity: formatQuantity(quantityFor(rng, unit, ctx.vatIncluded)),
      Description: article.Description,
      Discount: rng.chance(0.85) ? 0 : rng.pick([5, 10, 15, 20]),
      DiscountType: "PERCENT",
      HouseWork: false,
      HouseWorkHoursToReport: 0,
      Price: fromOre(toOre(priceSek / ctx.currencyRate)),
      PriceExcludingVAT: 0,
      Project: "",
      RowId: ctx.nextRowId.value++,
      StockPointCode: "",
      Total: 0,
      TotalExcludingVAT: 0,
      Unit: unit,
      VAT: vat,
      VATCode: VAT_CODES[vat] ?? "",
    };
    // Generated rows always resolve: every article has a SalesAccount.
    row.AccountNumber = ctx.zeroVat
      ? FOREIGN_SALES_ACCOUNTS[ctx.zeroVat][article.Type === "STOCK" ? "goods" : "services"]
      : (resolveRowAccount(row, article, ctx.predefined) ?? 3001);
    rows[i] = row;
  }
  return rows;
}

/** A credit row mirrors the original: same price, negated quantity, fresh RowId. */
export function creditRows(original: readonly Wire[], nextRowId: { value: number }): Wire[] {
  return original.map((row) => ({
    ...row,
    DeliveredQuantity: formatQuantity(-num(row.DeliveredQuantity)),
    RowId: nextRowId.value++,
  }));
}
