/**
 * Writable fields per resource with their JSON types (from the official spec, fortnox-facts §3.5).
 * Anything else in a request body is either server-computed (ignored, as Fortnox does) or
 * unknown (2001399 "Felaktigt fältnamn").
 */

export type FieldType = "string" | "number" | "boolean" | "array" | "object";
export type FieldTable = Record<string, FieldType>;

const s = (names: string) => Object.fromEntries(names.split(" ").map((n) => [n, "string" as const]));
const n = (names: string) => Object.fromEntries(names.split(" ").map((x) => [x, "number" as const]));
const b = (names: string) => Object.fromEntries(names.split(" ").map((x) => [x, "boolean" as const]));

export const CUSTOMER_FIELDS: FieldTable = {
  ...s(
    "Address1 Address2 City Comments CostCenter Country CountryCode Currency CustomerNumber DeliveryAddress1 DeliveryAddress2 DeliveryCity DeliveryCountry DeliveryCountryCode DeliveryFax DeliveryName DeliveryPhone1 DeliveryPhone2 DeliveryZipCode Email EmailInvoice EmailInvoiceBCC EmailInvoiceCC EmailOffer EmailOfferBCC EmailOfferCC EmailOrder EmailOrderBCC EmailOrderCC ExternalReference Fax GLN GLNDelivery InvoiceAdministrationFee InvoiceFreight InvoiceRemark Name OrganisationNumber OurReference Phone1 Phone2 PriceList Project SalesAccount TermsOfDelivery TermsOfPayment Type VATNumber VATType VisitingAddress VisitingCity VisitingCountry VisitingCountryCode VisitingZipCode WWW WayOfDelivery YourReference ZipCode",
  ),
  ...n("InvoiceDiscount"),
  ...b("Active ShowPriceVATIncluded"),
  DefaultDeliveryTypes: "object",
  DefaultTemplates: "object",
};
export const CUSTOMER_READONLY = new Set(["@url"]);

export const ARTICLE_FIELDS: FieldTable = {
  ...s("ArticleNumber CostCalculationMethod DefaultStockLocation DefaultStockPoint Description EAN HouseworkType Manufacturer ManufacturerArticleNumber Note StockPlace SupplierName SupplierNumber Type Unit"),
  ...n("ConstructionAccount Depth DirectCost EUAccount EUVATAccount ExportAccount FreightCost Height OtherCost PurchaseAccount PurchasePrice QuantityInStock SalesAccount SalesPrice StockAccount StockChangeAccount StockWarning VAT Weight Width"),
  ...b("Active Bulky Expired Housework StockGoods WebshopArticle"),
};
export const ARTICLE_READONLY = new Set(["@url", "DisposableQuantity", "ReservedQuantity", "StockValue"]);

export const INVOICE_FIELDS: FieldTable = {
  ...s(
    "AccountingMethod Address1 Address2 City Comments CostCenter Country CreditInvoiceReference Currency CustomerName CustomerNumber DeliveryAddress1 DeliveryAddress2 DeliveryCity DeliveryCountry DeliveryDate DeliveryName DeliveryZipCode DocumentNumber DueDate ExternalInvoiceReference1 ExternalInvoiceReference2 InvoiceDate InvoiceType Language OCR OurReference OutboundDate PaymentWay Phone1 Phone2 PriceList PrintTemplate Project Remarks TaxReductionType TermsOfDelivery TermsOfPayment WayOfDelivery YourOrderNumber YourReference ZipCode",
  ),
  ...n("AdministrationFee CurrencyRate CurrencyUnit Freight"),
  ...b("EUQuarterlyReport NotCompleted VATIncluded"),
  InvoiceRows: "array",
  Labels: "array",
  EmailInformation: "object",
  EDIInformation: "object",
};
export const INVOICE_READONLY = new Set(
  "@url @urlTaxReductionList AdministrationFeeVAT Balance BasisTaxReduction Booked Cancelled ContractReference ContributionPercent ContributionValue Credit FinalPayDate FreightVAT Gross HouseWork InvoicePeriodEnd InvoicePeriodReference InvoicePeriodStart LastRemindDate Net NoxFinans OfferReference OrderReference OrganisationNumber Reminders RoundOff Sent TaxReduction TimeBasisReference Total TotalToPay TotalVAT VoucherNumber VoucherSeries VoucherYear WarehouseReady".split(" "),
);

export const ROW_FIELDS: FieldTable = {
  ...s("ArticleNumber CostCenter DeliveredQuantity Description DiscountType HouseWorkType Project StockPointCode Unit VATCode"),
  ...n("AccountNumber Discount HouseWorkHoursToReport Price PriceExcludingVAT RowId VAT"),
  ...b("HouseWork"),
};
export const ROW_READONLY = new Set(["ContributionPercent", "ContributionValue", "Total", "TotalExcludingVAT"]);
