/**
 * The header of a generated invoice: every field of the spec's Invoice, customer details copied
 * the way Fortnox copies them at creation, and amounts left at 0 for computeInvoice to fill.
 */
import type { Wire } from "../core/types";
import { formatDay } from "./dates";
import type { InvoiceStatus } from "./invoice-status";
import { ocrFor } from "./luhn";

export interface HeaderContext {
  companyName: string;
  companyEmail: string;
}

export function buildHeader(
  input: HeaderContext,
  customer: Wire,
  documentNumber: string,
  day: number,
  status: InvoiceStatus,
  vatIncluded: boolean,
  currency: string,
  currencyRate: number,
): Wire {
  const date = formatDay(day);
  const english = currency !== "SEK";
  const header: Wire = {
    AccountingMethod: "ACCRUAL",
    Address1: customer.Address1,
    Address2: customer.Address2,
    AdministrationFee: 0,
    AdministrationFeeVAT: 0,
    Balance: 0,
    BasisTaxReduction: 0,
    Booked: status.booked,
    Cancelled: status.cancelled,
    City: customer.City,
    Comments: "",
    ContractReference: 0,
    ContributionPercent: 0,
    ContributionValue: 0,
    CostCenter: "",
    Country: customer.Country,
    Credit: "false",
    // "0" = not credited, as Fortnox returns it; a credit invoice's number replaces it.
    CreditInvoiceReference: "0",
    Currency: currency,
    CurrencyRate: currencyRate,
    CurrencyUnit: 1,
    CustomerName: customer.Name,
    CustomerNumber: customer.CustomerNumber,
    DeliveryAddress1: customer.DeliveryAddress1,
    DeliveryAddress2: customer.DeliveryAddress2,
    DeliveryCity: customer.DeliveryCity,
    DeliveryCountry: customer.DeliveryCountry,
    DeliveryDate: date,
    DeliveryName: customer.DeliveryName,
    DeliveryZipCode: customer.DeliveryZipCode,
    DocumentNumber: documentNumber,
    DueDate: formatDay(day + 30),
    EDIInformation: {
      EDIGlobalLocationNumber: typeof customer.GLN === "string" ? customer.GLN : "",
      EDIGlobalLocationNumberDelivery: typeof customer.GLNDelivery === "string" ? customer.GLNDelivery : "",
      EDIInvoiceExtra1: "",
      EDIInvoiceExtra2: "",
      EDIOurElectronicReference: "",
      EDIStatus: "",
      EDIYourElectronicReference: "",
    },
    // Reverse-charge sales to EU companies go on the periodic summary (periodisk sammanställning).
    EUQuarterlyReport: customer.VATType === "EUREVERSEDVAT",
    EmailInformation: {
      EmailAddressBCC: "",
      EmailAddressCC: "",
      EmailAddressFrom: input.companyEmail,
      EmailAddressTo: customer.EmailInvoice,
      EmailBody: english ? "Please find attached invoice {no}." : "Bifogat finner du faktura {no}.",
      EmailSubject: english ? `Invoice {no} from ${input.companyName}` : `Faktura {no} från ${input.companyName}`,
    },
    ExternalInvoiceReference1: "",
    ExternalInvoiceReference2: "",
    Freight: 0,
    FreightVAT: 0,
    Gross: 0,
    HouseWork: false,
    InvoiceDate: date,
    InvoicePeriodReference: "",
    InvoiceRows: [],
    InvoiceType: "INVOICE",
    Labels: [],
    Language: english ? "EN" : "SV",
    Net: 0,
    NotCompleted: false,
    NoxFinans: false,
    OCR: ocrFor(documentNumber),
    OfferReference: "0",
    OrderReference: "0",
    OrganisationNumber: customer.OrganisationNumber,
    OurReference: customer.OurReference,
    OutboundDate: date,
    Phone1: customer.Phone1,
    Phone2: customer.Phone2,
    PriceList: "A",
    PrintTemplate: "st",
    Project: "",
    Remarks: "",
    Reminders: status.reminders,
    RoundOff: 0,
    Sent: status.sent,
    TaxReduction: 0,
    TaxReductionType: "none",
    TermsOfDelivery: "",
    TermsOfPayment: customer.TermsOfPayment,
    TimeBasisReference: 0,
    Total: 0,
    TotalToPay: 0,
    TotalVAT: 0,
    VATIncluded: vatIncluded,
    VoucherNumber: 0,
    VoucherSeries: "",
    VoucherYear: 0,
    WarehouseReady: true,
    WayOfDelivery: "",
    YourOrderNumber: "",
    YourReference: customer.YourReference,
    ZipCode: customer.ZipCode,
  };
  // Empty dates are left out: the spec's format "date" admits neither "" nor null.
  if (status.paidDay !== undefined) header.FinalPayDate = formatDay(status.paidDay);
  if (status.lastRemindDay !== undefined) header.LastRemindDate = formatDay(status.lastRemindDay);
  return header;
}
