/**
 * Article register: stock goods and services, shaped like GET /3/articles/{n} with every field of
 * the spec's Article schema and the types it declares (numbers as numbers, accounts as integers).
 */
import type { Wire } from "../core/types";
import { ARTICLE_TEMPLATES, type ArticleTemplate } from "./article-catalogue";
import { DEFAULT_SALES_ACCOUNTS } from "./company";
import { gs1CheckDigit } from "./luhn";
import type { Rng } from "./prng";

interface Combo {
  template: ArticleTemplate;
  variant: string;
}

/**
 * Every (template, variant) pair, ordered so the first articles already cover services, goods and
 * all three VAT rates: variants round-robin, templates visited with a stride coprime to their count.
 */
const COMBOS: readonly Combo[] = (() => {
  const n = ARTICLE_TEMPLATES.length;
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let stride = 7;
  while (n > 1 && gcd(stride, n) !== 1) stride++;
  const maxVariants = Math.max(...ARTICLE_TEMPLATES.map((t) => t.variants.length));
  const out: Combo[] = [];
  for (let v = 0; v < maxVariants; v++) {
    for (let k = 0; k < n; k++) {
      const template = ARTICLE_TEMPLATES[(k * stride) % n];
      const variant = template?.variants[v];
      if (template && variant !== undefined) out.push({ template, variant });
    }
  }
  return out;
})();

/** Shop-style prices: 1 990, 589, 45, 3.5 — what a real price list looks like. */
function shopPrice(raw: number): number {
  if (raw >= 1000) return Math.round(raw / 100) * 100 - 10;
  if (raw >= 100) return Math.round(raw / 10) * 10 - 1;
  if (raw >= 10) return Math.round(raw);
  return Math.round(raw * 2) / 2;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** EAN-13 with a Swedish GS1 prefix (73) and a valid check digit. */
function ean13(rng: Rng): string {
  const twelve = "73" + rng.digits(10);
  return twelve + String(gs1CheckDigit(twelve));
}

export function generateArticles(rng: Rng, count: number): Wire[] {
  const articles: Wire[] = new Array<Wire>(count);
  for (let i = 0; i < count; i++) {
    const combo = COMBOS[i % COMBOS.length] as Combo;
    // Past the catalogue, repeat it as new models so descriptions stay plausible at 10k+ articles.
    const model = i >= COMBOS.length ? Math.floor(i / COMBOS.length) + 1 : 0;
    articles[i] = generateArticle(rng, String(i + 1), combo, model);
  }
  return articles;
}

function generateArticle(rng: Rng, articleNumber: string, { template, variant }: Combo, model: number): Wire {
  const stock = template.type === "STOCK";
  const description =
    template.description + (variant ? `, ${variant}` : "") + (model > 0 ? `, modell ${model}` : "");
  const salesPrice = shopPrice(template.price[0] + rng.float() * (template.price[1] - template.price[0]));
  const purchasePrice = stock ? round2(salesPrice * (0.45 + rng.float() * 0.25)) : 0;
  const quantityInStock = stock ? rng.int(0, 400) : 0;
  const reserved = stock && quantityInStock > 0 ? rng.int(0, Math.min(20, quantityInStock)) : 0;
  const heavy = stock && template.unit === "st";
  return {
    Active: rng.chance(0.95),
    ArticleNumber: articleNumber,
    Bulky: heavy && salesPrice > 3000,
    // BAS accounts Fortnox's default settings fill in for construction, EU and export sales.
    ConstructionAccount: 3231,
    CostCalculationMethod: "",
    DefaultStockLocation: "",
    DefaultStockPoint: "",
    Depth: heavy ? rng.int(50, 900) : 0,
    Description: description,
    DirectCost: 0,
    DisposableQuantity: quantityInStock - reserved,
    EAN: stock && rng.chance(0.7) ? ean13(rng) : "",
    EUAccount: stock ? 3108 : 3308,
    EUVATAccount: stock ? 3106 : 3308,
    Expired: false,
    ExportAccount: stock ? 3105 : 3305,
    FreightCost: 0,
    Height: heavy ? rng.int(20, 1300) : 0,
    Housework: false,
    // The enum has no empty value; Fortnox uses EMPTYHOUSEWORK for "not housework".
    HouseworkType: "EMPTYHOUSEWORK",
    Manufacturer: template.manufacturer,
    ManufacturerArticleNumber: template.manufacturer ? `${template.manufacturer.slice(0, 3).toUpperCase()}-${rng.digits(5)}` : "",
    Note: "",
    OtherCost: 0,
    PurchaseAccount: stock ? 4010 : 4600,
    PurchasePrice: purchasePrice,
    QuantityInStock: quantityInStock,
    ReservedQuantity: reserved,
    SalesAccount: DEFAULT_SALES_ACCOUNTS[template.vat] ?? 3001,
    SalesPrice: salesPrice,
    StockAccount: 1460,
    StockChangeAccount: 4990,
    StockGoods: stock,
    StockPlace: stock ? `${rng.pick(["A", "B", "C", "D"])}${rng.int(1, 12)}-${String(rng.int(1, 40)).padStart(2, "0")}` : "",
    StockValue: round2(quantityInStock * purchasePrice),
    StockWarning: stock ? rng.int(0, 20) : 0,
    SupplierName: "",
    SupplierNumber: "",
    Type: template.type,
    Unit: template.unit,
    VAT: template.vat,
    WebshopArticle: stock && rng.chance(0.3),
    Weight: heavy ? rng.int(100, 25000) : 0,
    Width: heavy ? rng.int(50, 1600) : 0,
  };
}
