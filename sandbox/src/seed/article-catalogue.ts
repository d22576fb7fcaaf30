/**
 * What the demo company sells: article templates with realistic Swedish descriptions, units and
 * VAT rates (25 % general, 12 % food and catering, 6 % books, newspapers, culture and travel).
 */

export interface ArticleTemplate {
  description: string;
  type: "STOCK" | "SERVICE";
  unit: "st" | "h" | "kg" | "m" | "l" | "förp" | "mån";
  vat: 25 | 12 | 6;
  /** Sales price range in SEK excluding VAT. */
  price: readonly [number, number];
  /** Variant suffixes that turn one template into several articles ("Kontorsstol Ergo, svart"). */
  variants: readonly string[];
  manufacturer: string;
}

const COLOURS = ["svart", "vit", "grå", "blå", "ek", "björk"] as const;
const SIZES = ["S", "M", "L", "XL"] as const;
const NONE = [""] as const;

export const ARTICLE_TEMPLATES: readonly ArticleTemplate[] = [
  // Services, 25 %
  { description: "Konsulttimme", type: "SERVICE", unit: "h", vat: 25, price: [850, 1450], variants: ["", "senior", "junior"], manufacturer: "" },
  { description: "Installation", type: "SERVICE", unit: "h", vat: 25, price: [650, 950], variants: ["", "el", "VVS", "nätverk"], manufacturer: "" },
  { description: "Projektledning", type: "SERVICE", unit: "h", vat: 25, price: [950, 1350], variants: NONE, manufacturer: "" },
  { description: "Servicetimme", type: "SERVICE", unit: "h", vat: 25, price: [595, 795], variants: ["", "helg", "jour"], manufacturer: "" },
  { description: "Utbildning", type: "SERVICE", unit: "st", vat: 25, price: [2500, 9500], variants: ["halvdag", "heldag", "webbinarium"], manufacturer: "" },
  { description: "Supportavtal", type: "SERVICE", unit: "mån", vat: 25, price: [490, 2990], variants: ["Bas", "Plus", "Premium"], manufacturer: "" },
  { description: "Webbhotell", type: "SERVICE", unit: "mån", vat: 25, price: [99, 499], variants: ["Start", "Företag"], manufacturer: "" },
  { description: "Städning kontor", type: "SERVICE", unit: "h", vat: 25, price: [420, 560], variants: NONE, manufacturer: "" },
  { description: "Montering", type: "SERVICE", unit: "h", vat: 25, price: [550, 750], variants: NONE, manufacturer: "" },
  // Goods, 25 %
  { description: "Kontorsstol Ergo", type: "STOCK", unit: "st", vat: 25, price: [1990, 5990], variants: COLOURS, manufacturer: "Kinnarps" },
  { description: "Skrivbord höj- och sänkbart", type: "STOCK", unit: "st", vat: 25, price: [3990, 8990], variants: ["120 cm", "140 cm", "160 cm"], manufacturer: "Kinnarps" },
  { description: "LED-lampa E27", type: "STOCK", unit: "st", vat: 25, price: [39, 129], variants: ["6 W", "9 W", "13 W"], manufacturer: "Airam" },
  { description: "Installationskabel EKK", type: "STOCK", unit: "m", vat: 25, price: [12, 45], variants: ["3G1,5", "3G2,5", "5G2,5"], manufacturer: "Nexans" },
  { description: "Träskruv förzinkad", type: "STOCK", unit: "förp", vat: 25, price: [59, 249], variants: ["4x40", "5x60", "6x80"], manufacturer: "Essve" },
  { description: "Arbetsjacka", type: "STOCK", unit: "st", vat: 25, price: [690, 1490], variants: SIZES, manufacturer: "Snickers" },
  { description: "Skyddshandskar", type: "STOCK", unit: "förp", vat: 25, price: [89, 199], variants: SIZES, manufacturer: "Ejendals" },
  { description: "Grus 0–8", type: "STOCK", unit: "kg", vat: 25, price: [2, 6], variants: NONE, manufacturer: "Swerock" },
  { description: "Väggfärg", type: "STOCK", unit: "l", vat: 25, price: [89, 219], variants: ["matt vit", "halvmatt", "kulör"], manufacturer: "Alcro" },
  { description: "Bärbar dator", type: "STOCK", unit: "st", vat: 25, price: [7990, 18990], variants: ["14\"", "15\"", "16\""], manufacturer: "Lenovo" },
  { description: "Skärm 27\"", type: "STOCK", unit: "st", vat: 25, price: [2490, 5990], variants: NONE, manufacturer: "Dell" },
  // Food, 12 %
  { description: "Kaffe bryggmalet 500 g", type: "STOCK", unit: "förp", vat: 12, price: [49, 89], variants: ["mellanrost", "mörkrost"], manufacturer: "Löfbergs" },
  { description: "Kaffebönor", type: "STOCK", unit: "kg", vat: 12, price: [189, 349], variants: ["espresso", "mellanrost"], manufacturer: "Zoégas" },
  { description: "Kanelbulle", type: "STOCK", unit: "st", vat: 12, price: [18, 32], variants: NONE, manufacturer: "" },
  { description: "Smörgåstårta", type: "STOCK", unit: "st", vat: 12, price: [395, 895], variants: ["8 bitar", "12 bitar", "16 bitar"], manufacturer: "" },
  { description: "Catering lunch per person", type: "SERVICE", unit: "st", vat: 12, price: [115, 195], variants: ["", "vegetarisk"], manufacturer: "" },
  { description: "Mineralvatten 33 cl", type: "STOCK", unit: "förp", vat: 12, price: [119, 179], variants: ["naturell", "citron"], manufacturer: "Ramlösa" },
  // Books, culture and passenger transport, 6 %
  { description: "Bok: Bokföring i praktiken", type: "STOCK", unit: "st", vat: 6, price: [289, 449], variants: NONE, manufacturer: "Studentlitteratur" },
  { description: "Bok: Momshandboken", type: "STOCK", unit: "st", vat: 6, price: [349, 549], variants: NONE, manufacturer: "Norstedts Juridik" },
  { description: "Tidskriftsprenumeration", type: "SERVICE", unit: "mån", vat: 6, price: [79, 249], variants: NONE, manufacturer: "" },
  { description: "Konsertbiljett", type: "SERVICE", unit: "st", vat: 6, price: [295, 895], variants: NONE, manufacturer: "" },
  { description: "Persontransport", type: "SERVICE", unit: "st", vat: 6, price: [250, 1200], variants: ["", "flygbuss", "taxi"], manufacturer: "" },
];
