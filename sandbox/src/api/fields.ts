/**
 * Writable fields per resource with the constraints the official spec declares (docs/fortnox.md#api-conventions):
 * JSON type, max/min length, enum, integer ranges, date format. Checking them on write keeps every
 * stored record valid against the spec, so what a client reads back always conforms. Fields the
 * spec lists but a client may not set are in the *_READONLY sets: Fortnox ignores them on write
 * (clients commonly PUT back what they GET). Anything else is 2001399 "Felaktigt fältnamn".
 */

export type FieldSpec =
  | { t: "string"; max?: number; min?: number; values?: readonly string[]; date?: true; numeric?: true }
  | { t: "number"; int?: true; min?: number; max?: number }
  | { t: "boolean" }
  | { t: "object"; fields: FieldTable }
  | { t: "array"; of: FieldTable };
export type FieldTable = Readonly<Record<string, FieldSpec>>;

const str = (max?: number, min?: number): FieldSpec => ({ t: "string", max, min });
const oneOf = (values: string): FieldSpec => ({ t: "string", values: values.split(" ") });
const int = (min?: number, max?: number): FieldSpec => ({ t: "number", int: true, min, max });
const DATE: FieldSpec = { t: "string", date: true };
const DOUBLE: FieldSpec = { t: "number" };
const BOOL: FieldSpec = { t: "boolean" };
/** One spec for many space-separated names. */
const many = (spec: FieldSpec, names: string): Record<string, FieldSpec> => Object.fromEntries(names.split(" ").map((n) => [n, spec]));

const DELIVERY_TYPE = oneOf("PRINT EMAIL PRINTSERVICE");

export const CUSTOMER_FIELDS: FieldTable = {
  ...many(
    str(1024),
    "Address2 City Comments CustomerNumber DeliveryAddress1 DeliveryAddress2 DeliveryCity DeliveryCountry DeliveryFax DeliveryName DeliveryPhone1 DeliveryPhone2 Email EmailInvoice EmailInvoiceBCC EmailInvoiceCC EmailOffer EmailOfferBCC EmailOfferCC EmailOrder EmailOrderBCC EmailOrderCC ExternalReference Fax InvoiceRemark Phone1 Phone2",
  ),
  ...many(str(1024, 1), "Address1 Name"),
  ...many(str(), "CostCenter Country InvoiceAdministrationFee InvoiceFreight OrganisationNumber PriceList Project TermsOfDelivery TermsOfPayment VATNumber WayOfDelivery"),
  ...many(str(2, 2), "CountryCode DeliveryCountryCode VisitingCountryCode"),
  ...many(str(10), "DeliveryZipCode VisitingZipCode ZipCode"),
  ...many(str(50), "OurReference YourReference"),
  ...many(str(128), "VisitingAddress VisitingCity VisitingCountry WWW"),
  ...many(str(13, 13), "GLN GLNDelivery"),
  Currency: str(3, 3),
  SalesAccount: str(4, 4),
  InvoiceDiscount: DOUBLE,
  ...many(BOOL, "Active ShowPriceVATIncluded"),
  Type: oneOf("PRIVATE COMPANY"),
  VATType: oneOf("SEVAT SEREVERSEDVAT EUREVERSEDVAT EUVAT EXPORT"),
  DefaultDeliveryTypes: { t: "object", fields: many(DELIVERY_TYPE, "Invoice Offer Order") },
  DefaultTemplates: { t: "object", fields: many(str(), "CashInvoice Invoice Offer Order") },
};
export const CUSTOMER_READONLY: ReadonlySet<string> = new Set(["@url"]);

export const ARTICLE_FIELDS: FieldTable = {
  ArticleNumber: str(50),
  Description: str(200, 1),
  EAN: str(30),
  ...many(str(50), "Manufacturer ManufacturerArticleNumber"),
  Note: str(10000),
  StockPlace: str(100),
  ...many(str(), "CostCalculationMethod DefaultStockLocation DefaultStockPoint SupplierName SupplierNumber Unit"),
  ...many(int(1000, 99999), "ConstructionAccount EUAccount EUVATAccount ExportAccount PurchaseAccount SalesAccount"),
  ...many(int(), "StockAccount StockChangeAccount"),
  ...many(int(0, 999999999), "Depth Height Weight Width"),
  ...many(DOUBLE, "DirectCost FreightCost OtherCost PurchasePrice QuantityInStock SalesPrice StockWarning VAT"),
  ...many(BOOL, "Active Bulky Expired Housework StockGoods WebshopArticle"),
  HouseworkType: oneOf(
    "CONSTRUCTION ELECTRICITY GLASSMETALWORK GROUNDDRAINAGEWORK MASONRY PAINTINGWALLPAPERING HVAC CLEANING TEXTILECLOTHING COOKING SNOWPLOWING GARDENING BABYSITTING OTHERCARE TUTORING FURNISHING HOMEMAINTENANCE TRANSPORTATIONSERVICES WASHINGANDCAREOFCLOTHING SOLARCELLS STORAGESELFPRODUCEDELECTRICITY CHARGINGSTATIONELECTRICVEHICLE EMPTYHOUSEWORK OTHERCOSTS",
  ),
  Type: oneOf("STOCK SERVICE"),
};
// Stock figures Fortnox derives (disposable = in stock − reserved; value = in stock × purchase price).
export const ARTICLE_READONLY: ReadonlySet<string> = new Set(["@url", "DisposableQuantity", "ReservedQuantity", "StockValue"]);

export const ROW_FIELDS: FieldTable = {
  AccountNumber: int(1000, 9999),
  ...many(str(), "ArticleNumber CostCenter Project StockPointCode Unit VATCode"),
  // The spec types the quantity as a string, but it must hold a number ("2", "1.5").
  DeliveredQuantity: { t: "string", numeric: true },
  Description: str(255),
  ...many(DOUBLE, "Discount Price"),
  DiscountType: oneOf("AMOUNT PERCENT"),
  HouseWork: BOOL,
  HouseWorkHoursToReport: int(0, 999),
  HouseWorkType: oneOf(
    "CONSTRUCTION ELECTRICITY GLASSMETALWORK GROUNDDRAINAGEWORK MASONRY PAINTINGWALLPAPERING HVAC MAJORAPPLIANCEREPAIR MOVINGSERVICES ITSERVICES CLEANING TEXTILECLOTHING SNOWPLOWING GARDENING BABYSITTING OTHERCARE OTHERCOSTS SOLARCELLS STORAGESELFPRODUCEDELECTRICITY CHARGINGSTATIONELECTRICVEHICLE HOMEMAINTENANCE FURNISHING TRANSPORTATIONSERVICES WASHINGANDCAREOFCLOTHING",
  ),
  RowId: int(),
  VAT: int(0, 100),
};
export const ROW_READONLY: ReadonlySet<string> = new Set(["ContributionPercent", "ContributionValue", "PriceExcludingVAT", "Total", "TotalExcludingVAT"]);

export const INVOICE_FIELDS: FieldTable = {
  ...many(str(1024), "City Comments DeliveryAddress1 DeliveryAddress2 DeliveryCity DeliveryName DeliveryZipCode Phone1 Phone2 Remarks ZipCode"),
  ...many(
    str(),
    "Address1 Address2 CostCenter Country Currency CustomerName CustomerNumber DeliveryCountry DocumentNumber OCR PriceList PrintTemplate Project TermsOfDelivery TermsOfPayment WayOfDelivery",
  ),
  ...many(str(80), "ExternalInvoiceReference1 ExternalInvoiceReference2"),
  ...many(str(50), "OurReference YourReference"),
  YourOrderNumber: str(75),
  ...many(DATE, "DeliveryDate DueDate InvoiceDate OutboundDate"),
  ...many(DOUBLE, "AdministrationFee CurrencyRate Freight"),
  CurrencyUnit: int(1),
  ...many(BOOL, "EUQuarterlyReport NotCompleted VATIncluded"),
  AccountingMethod: oneOf("ACCRUAL CASH"),
  InvoiceType: oneOf("INVOICE AGREEMENTINVOICE INTRESTINVOICE SUMMARYINVOICE CASHINVOICE"),
  Language: oneOf("SV EN"),
  PaymentWay: oneOf("CASH CARD AG"),
  TaxReductionType: oneOf("none rot rut green"),
  EDIInformation: {
    t: "object",
    fields: many(str(), "EDIGlobalLocationNumber EDIGlobalLocationNumberDelivery EDIInvoiceExtra1 EDIInvoiceExtra2 EDIOurElectronicReference EDIYourElectronicReference EDIStatus"),
  },
  EmailInformation: { t: "object", fields: many(str(), "EmailAddressFrom EmailAddressTo EmailAddressCC EmailAddressBCC EmailSubject EmailBody") },
  Labels: { t: "array", of: { Id: int(1) } },
  InvoiceRows: { t: "array", of: ROW_FIELDS },
};
/** On Invoice but not on InvoicePayload in the spec: server-computed, or changed only through actions. */
export const INVOICE_READONLY: ReadonlySet<string> = new Set(
  "@url @urlTaxReductionList AdministrationFeeVAT Balance BasisTaxReduction Booked Cancelled ContractReference ContributionPercent ContributionValue Credit CreditInvoiceReference FinalPayDate FreightVAT Gross HouseWork InvoicePeriodEnd InvoicePeriodReference InvoicePeriodStart LastRemindDate Net NoxFinans OfferReference OrderReference OrganisationNumber Reminders RoundOff Sent TaxReduction TimeBasisReference Total TotalToPay TotalVAT VoucherNumber VoucherSeries VoucherYear WarehouseReady".split(" "),
);

/** Read-only names per nested table, so a row or sub-object sent back as read is accepted. */
export const NESTED_READONLY: ReadonlyMap<FieldTable, ReadonlySet<string>> = new Map([[ROW_FIELDS, ROW_READONLY]]);

/**
 * A record with every field a table declares, at its empty value ("" / 0 / false), so a created
 * record has the same shape as a seeded one. Fields whose empty value the spec forbids (minimum
 * length, enum, date) are left out; the resource sets a default for the ones Fortnox always fills.
 */
export function blankRecord(fields: FieldTable): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(fields)) {
    if (spec.t === "string" && !spec.min && !spec.values && !spec.date) out[name] = "";
    else if (spec.t === "number" && !spec.min) out[name] = 0;
    else if (spec.t === "boolean") out[name] = false;
    else if (spec.t === "object") out[name] = blankRecord(spec.fields);
    else if (spec.t === "array") out[name] = [];
  }
  return out;
}
