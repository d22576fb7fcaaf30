/**
 * Fortnox invoice arithmetic, shared by the seed generator and the /3/invoices handlers so that
 * generated and API-created invoices obey the same rules. All sums run in integer öre (cents) so
 * rows always add up to the header exactly (docs/fortnox.md#api-conventions: row-vs-header invariant).
 *
 * Semantics (per row, q = DeliveredQuantity, p = Price, d = Discount):
 * - row Total = q × p × (1 − d/100) for DiscountType PERCENT (the default), q × p − d for AMOUNT;
 *   rounded to öre once, half away from zero (so a credit row is the exact negative of its original).
 * - VATIncluded true: Price and Total include VAT; TotalExcludingVAT = Total × 100/(100+VAT).
 *   VATIncluded false: Price and Total exclude VAT; TotalExcludingVAT = Total.
 * - row VAT amount (not on the wire) = incl − excl, rounded per row; TotalVAT is the sum of those,
 *   so Σ(row VAT) == TotalVAT holds for anyone recomputing from rows.
 * - Freight and AdministrationFee are always excluding VAT and carry 25 % VAT.
 * - Net = Σ TotalExcludingVAT + Freight + AdministrationFee; Gross = Net + TotalVAT.
 * - SEK invoices are rounded to whole kronor (öresavrundning): Total = round(Gross), RoundOff =
 *   Total − Gross. Other currencies are not rounded (RoundOff 0).
 * - TotalToPay = Total − TaxReduction; Balance = Total − paid (0 when Cancelled).
 */
import type { PredefinedAccounts, Wire } from "../core/types";

/** VAT on freight and invoice fee; Fortnox's default company setting. */
export const FEE_VAT_RATE = 25;

export interface ComputeInvoiceOptions {
  /** Amount already paid, in invoice currency. Balance = Total − paid. Default 0. */
  paid?: number;
  /** Purchase price per unit for an article, for ContributionValue/Percent. Missing = no cost. */
  purchasePriceOf?: (articleNumber: string) => number | undefined;
}

/** Round half away from zero, so −x rounds to exactly −round(x) (credit invoices mirror originals). */
export function roundHalfAway(n: number): number {
  return n < 0 ? -Math.round(-n) : Math.round(n);
}

/** Amount → integer öre. The 1e-4 pre-rounding absorbs binary drift such as 1.005 × 100 = 100.4999…. */
export function toOre(amount: number): number {
  return roundHalfAway(Math.round(amount * 1e6) / 1e4);
}

export function fromOre(ore: number): number {
  // `+ 0` turns −0 into 0 so JSON and deep-equality see a plain zero.
  return ore / 100 + 0;
}

/** Reads a Fortnox numeric field that may arrive as number or string ("1,5" included); NaN → fallback. */
export function num(value: unknown, fallback = 0): number {
  if (typeof value === "number") return Number.isFinite(value) ? value : fallback;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value.replace(",", "."));
    return Number.isFinite(n) ? n : fallback;
  }
  return fallback;
}

/** Fortnox sends quantities as strings with two decimals ("3.00"); more decimals are kept. */
export function formatQuantity(q: number): string {
  return Number.isInteger(Math.round(q * 1e6) / 1e4) ? q.toFixed(2) : String(q);
}

interface RowResult {
  row: Wire;
  exclOre: number;
  vatOre: number;
  contributionOre: number;
}

/** Computes one row's derived fields; returns the row plus the öre amounts the header needs. */
export function computeRow(row: Wire, vatIncluded: boolean, options: ComputeInvoiceOptions = {}): RowResult {
  const quantity = num(row.DeliveredQuantity);
  const price = num(row.Price);
  const vat = num(row.VAT, 25);
  const discount = num(row.Discount);
  const discountType = row.DiscountType === "AMOUNT" ? "AMOUNT" : "PERCENT";
  const gross = quantity * price;
  const totalOre = toOre(discountType === "AMOUNT" ? gross - discount : gross * (1 - discount / 100));
  const exclOre = vatIncluded ? roundHalfAway((totalOre * 100) / (100 + vat)) : totalOre;
  const vatOre = vatIncluded ? totalOre - exclOre : roundHalfAway((totalOre * vat) / 100);
  const articleNumber = typeof row.ArticleNumber === "string" ? row.ArticleNumber : "";
  const unitCost = articleNumber && options.purchasePriceOf ? (options.purchasePriceOf(articleNumber) ?? 0) : 0;
  const contributionOre = exclOre - toOre(quantity * unitCost);
  const contributionPercent = exclOre === 0 ? 0 : Math.round((contributionOre / exclOre) * 10000) / 100;
  return {
    row: {
      ...row,
      DeliveredQuantity: formatQuantity(quantity),
      Price: price,
      Discount: discount,
      DiscountType: discountType,
      VAT: vat,
      PriceExcludingVAT: vatIncluded ? fromOre(toOre((price * 100) / (100 + vat))) : price,
      Total: fromOre(totalOre),
      TotalExcludingVAT: fromOre(exclOre),
      // The spec types the row contribution fields as strings.
      ContributionValue: fromOre(contributionOre).toFixed(2),
      ContributionPercent: contributionPercent.toFixed(2),
    },
    exclOre,
    vatOre,
    contributionOre,
  };
}

/**
 * Fills every computed row and header amount of an invoice. Pure: returns a new object, leaves the
 * inputs alone. `rows` defaults to `invoice.InvoiceRows`.
 */
export function computeInvoice(invoice: Wire, rows?: readonly Wire[], options: ComputeInvoiceOptions = {}): Wire {
  const sourceRows = rows ?? (Array.isArray(invoice.InvoiceRows) ? (invoice.InvoiceRows as Wire[]) : []);
  const vatIncluded = invoice.VATIncluded === true;
  const computedRows: Wire[] = new Array<Wire>(sourceRows.length);
  let exclOre = 0;
  let vatOre = 0;
  let contributionOre = 0;
  for (let i = 0; i < sourceRows.length; i++) {
    const r = computeRow(sourceRows[i] as Wire, vatIncluded, options);
    computedRows[i] = r.row;
    exclOre += r.exclOre;
    vatOre += r.vatOre;
    contributionOre += r.contributionOre;
  }
  const freightOre = toOre(num(invoice.Freight));
  const adminOre = toOre(num(invoice.AdministrationFee));
  const freightVatOre = roundHalfAway((freightOre * FEE_VAT_RATE) / 100);
  const adminVatOre = roundHalfAway((adminOre * FEE_VAT_RATE) / 100);
  const netOre = exclOre + freightOre + adminOre;
  const totalVatOre = vatOre + freightVatOre + adminVatOre;
  const grossOre = netOre + totalVatOre;
  const currency = typeof invoice.Currency === "string" && invoice.Currency !== "" ? invoice.Currency : "SEK";
  const totalOre = currency === "SEK" ? roundHalfAway(grossOre / 100) * 100 : grossOre;
  const totalToPayOre = totalOre - toOre(num(invoice.TaxReduction));
  const balanceOre = invoice.Cancelled === true ? 0 : totalOre - toOre(options.paid ?? 0);
  const salesOre = exclOre;
  return {
    ...invoice,
    InvoiceRows: computedRows,
    Freight: fromOre(freightOre),
    FreightVAT: fromOre(freightVatOre),
    AdministrationFee: fromOre(adminOre),
    AdministrationFeeVAT: fromOre(adminVatOre),
    Net: fromOre(netOre),
    TotalVAT: fromOre(totalVatOre),
    Gross: fromOre(grossOre),
    RoundOff: fromOre(totalOre - grossOre),
    Total: fromOre(totalOre),
    TotalToPay: fromOre(totalToPayOre),
    Balance: fromOre(balanceOre),
    ContributionValue: fromOre(contributionOre),
    ContributionPercent: salesOre === 0 ? 0 : Math.round((contributionOre / salesOre) * 10000) / 100,
  };
}

/**
 * The ledger account a row books to, in Fortnox's order of precedence: the row's own AccountNumber,
 * else the article's SalesAccount, else the company's predefined sales account for the row's VAT
 * rate. null means none could be found; the API answers 2001304 "Kunde inte hitta konto".
 */
export function resolveRowAccount(row: Wire, article: Wire | undefined, predefined: PredefinedAccounts | null): number | null {
  const own = num(row.AccountNumber, 0);
  if (Number.isInteger(own) && own > 0) return own;
  const fromArticle = article ? num(article.SalesAccount, 0) : 0;
  if (Number.isInteger(fromArticle) && fromArticle > 0) return fromArticle;
  if (!predefined) return null;
  const vat = num(row.VAT, article ? num(article.VAT, 25) : 25);
  return predefined.salesByVat[vat] ?? null;
}

/**
 * Fills a row's omitted fields from its article the way Fortnox does on POST: Description, Unit,
 * VAT and Price (SalesPrice is excluding VAT, so it is grossed up when the invoice is VATIncluded).
 */
export function applyArticleDefaults(row: Wire, article: Wire | undefined, vatIncluded: boolean): Wire {
  if (!article) return row;
  const vat = row.VAT ?? num(article.VAT, 25);
  const salesPrice = num(article.SalesPrice);
  return {
    ...row,
    Description: row.Description ?? article.Description,
    Unit: row.Unit ?? article.Unit,
    VAT: vat,
    Price: row.Price ?? (vatIncluded ? fromOre(toOre(salesPrice * (1 + num(vat) / 100))) : salesPrice),
  };
}
