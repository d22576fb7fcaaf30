/**
 * Customers abroad, for the `foreign` seed profile: companies in Norway, Denmark, Germany, Finland
 * and the USA that are invoiced in their own currency (NOK, DKK, EUR, USD). EU customers are
 * reverse-charge (VATType EUREVERSEDVAT), the others export (EXPORT); both are invoiced without
 * Swedish VAT, booked on the BAS accounts for sales abroad.
 */
import type { Wire } from "../core/types";
import type { Rng } from "./prng";

export const FOREIGN_CURRENCIES = ["EUR", "USD", "NOK", "DKK"] as const;

interface Market {
  countryCode: string;
  /** As Fortnox shows the country on a Swedish company's customer card. */
  country: string;
  currency: (typeof FOREIGN_CURRENCIES)[number];
  vatType: "EUREVERSEDVAT" | "EXPORT";
  tld: string;
  phonePrefix: string;
  cities: readonly (readonly [name: string, zip: string])[];
  streets: readonly string[];
  names: readonly string[];
  suffix: string;
  companyId(rng: Rng): { orgNo: string; vat: string };
}

const MARKETS: readonly (readonly [Market, number])[] = [
  [{ countryCode: "NO", country: "Norge", currency: "NOK", vatType: "EXPORT", tld: "no", phonePrefix: "+47", cities: [["Oslo", "0150"], ["Bergen", "5003"], ["Trondheim", "7010"], ["Stavanger", "4006"], ["Tromsø", "9008"]], streets: ["Karl Johans gate", "Strandgaten", "Kongens gate", "Storgata"], names: ["Fjordkraft", "Nordlys", "Vestland", "Havbris", "Fjellstua"], suffix: "AS", companyId: (r) => { const n = `9${r.digits(8)}`; return { orgNo: n, vat: `NO${n}MVA` }; } }, 25],
  [{ countryCode: "DK", country: "Danmark", currency: "DKK", vatType: "EUREVERSEDVAT", tld: "dk", phonePrefix: "+45", cities: [["København", "1050"], ["Aarhus", "8000"], ["Odense", "5000"], ["Aalborg", "9000"]], streets: ["Strøget", "Vestergade", "Nørregade", "Havnegade"], names: ["Havnens", "Bølgen", "Kystlinjen", "Lindegården"], suffix: "ApS", companyId: (r) => { const n = `${r.int(1, 9)}${r.digits(7)}`; return { orgNo: n, vat: `DK${n}` }; } }, 20],
  [{ countryCode: "DE", country: "Tyskland", currency: "EUR", vatType: "EUREVERSEDVAT", tld: "de", phonePrefix: "+49", cities: [["Hamburg", "20095"], ["Berlin", "10115"], ["München", "80331"], ["Lübeck", "23552"]], streets: ["Hauptstraße", "Hafenstraße", "Bahnhofstraße", "Lindenallee"], names: ["Nordsee", "Hanse", "Elbtal", "Bergmann"], suffix: "GmbH", companyId: (r) => ({ orgNo: `HRB ${r.int(10_000, 199_999)}`, vat: `DE${r.int(1, 9)}${r.digits(8)}` }) }, 20],
  [{ countryCode: "FI", country: "Finland", currency: "EUR", vatType: "EUREVERSEDVAT", tld: "fi", phonePrefix: "+358", cities: [["Helsinki", "00100"], ["Turku", "20100"], ["Tampere", "33100"], ["Mariehamn", "22100"]], streets: ["Mannerheimintie", "Aleksanterinkatu", "Satamakatu", "Torikatu"], names: ["Saaristo", "Revontuli", "Koivu", "Meritähti"], suffix: "Oy", companyId: (r) => { const n = `${r.int(1, 3)}${r.digits(6)}`; return { orgNo: `${n}-${r.int(0, 9)}`, vat: `FI${n}${r.int(0, 9)}` }; } }, 15],
  [{ countryCode: "US", country: "USA", currency: "USD", vatType: "EXPORT", tld: "com", phonePrefix: "+1", cities: [["New York, NY", "10001"], ["Minneapolis, MN", "55401"], ["Seattle, WA", "98101"], ["Chicago, IL", "60601"]], streets: ["Main Street", "Lake Avenue", "Harbor Drive", "Elm Street"], names: ["Lakeside", "North Star", "Scandia", "Evergreen"], suffix: "Inc.", companyId: (r) => ({ orgNo: `${r.digits(2)}-${r.digits(7)}`, vat: "" }) }, 20],
];

const TRADES = ["Trading", "Supply", "Logistics", "Interiors", "Foods", "Engineering"] as const;

/** BAS accounts for sales without Swedish VAT: goods/services to another EU country, or outside the EU. */
export const FOREIGN_SALES_ACCOUNTS = {
  EUREVERSEDVAT: { goods: 3108, services: 3308 },
  EXPORT: { goods: 3105, services: 3305 },
} as const;

const slug = (s: string) => s.toLowerCase().normalize("NFD").replace(/[^a-z0-9]+/g, "");

/**
 * Turns a generated customer into a company abroad, keeping its number, references and delivery
 * preferences. Deterministic for a given rng.
 */
export function makeForeign(rng: Rng, customer: Wire): Wire {
  const market = rng.weighted(MARKETS);
  const [city, zip] = rng.pick(market.cities);
  const name = `${rng.pick(market.names)} ${rng.pick(TRADES)} ${market.suffix}`;
  const { orgNo, vat } = market.companyId(rng);
  const domain = `${slug(name.replace(market.suffix, ""))}.${market.tld}`;
  const out: Wire = {
    ...customer,
    Name: name,
    Type: "COMPANY",
    OrganisationNumber: orgNo,
    VATNumber: vat,
    VATType: market.vatType,
    Currency: market.currency,
    Country: market.country,
    CountryCode: market.countryCode,
    DeliveryCountryCode: market.countryCode,
    VisitingCountryCode: market.countryCode,
    Address1: `${rng.pick(market.streets)} ${rng.int(1, 80)}`,
    Address2: "",
    ZipCode: zip,
    City: city,
    DeliveryAddress1: "",
    DeliveryCity: "",
    DeliveryCountry: "",
    DeliveryName: "",
    DeliveryZipCode: "",
    Email: `info@${domain}`,
    EmailInvoice: `invoice@${domain}`,
    EmailOffer: `info@${domain}`,
    EmailOrder: `info@${domain}`,
    WWW: `www.${domain}`,
    Phone1: `${market.phonePrefix} ${rng.digits(2)} ${rng.digits(3)} ${rng.digits(3)}`,
    Phone2: "",
    ShowPriceVATIncluded: false,
    DefaultDeliveryTypes: { Invoice: "EMAIL", Offer: "EMAIL", Order: "EMAIL" },
  };
  delete out.GLN;
  delete out.GLNDelivery;
  return out;
}

/** Base SEK rate per unit of each currency; the daily wobble is EUR's, scaled. */
const BASE_RATES: Readonly<Record<string, number>> = { EUR: 11.4, USD: 10.6, NOK: 0.99, DKK: 1.53 };

/**
 * SEK per unit of `currency` on an epoch day (CurrencyUnit 1), four decimals like Riksbanken's
 * quotes; 1 for SEK and for a currency the sandbox has no rate for.
 */
export function currencyRate(currency: string, epochDay: number): number {
  const base = BASE_RATES[currency];
  if (base === undefined) return 1;
  const wobble = 0.35 * Math.sin(epochDay / 45) + 0.1 * Math.sin(epochDay / 7);
  return Math.round((base + wobble * (base / 11.4)) * 10000) / 10000;
}

/** Customers invoiced without Swedish VAT (reverse charge within the EU, or export). */
export function zeroVatType(customer: Wire): "EUREVERSEDVAT" | "EXPORT" | null {
  return customer.VATType === "EUREVERSEDVAT" || customer.VATType === "EXPORT" ? customer.VATType : null;
}
