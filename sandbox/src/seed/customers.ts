/**
 * Customer register: a mix of companies (org numbers) and private persons (personnummer), shaped
 * exactly like GET /3/customers/{n} returns them, with every field of the spec's Customer schema.
 */
import type { Wire } from "../core/types";
import { gs1CheckDigit } from "./luhn";
import type { Rng } from "./prng";
import {
  COMPANY_FORMS,
  COMPANY_PREFIXES,
  COMPANY_TRADES,
  FEMALE_FIRST_NAMES,
  LAST_NAMES,
  MALE_FIRST_NAMES,
  PRIVATE_MAIL_DOMAINS,
  asciiSlug,
} from "./swedish-names";
import { address, landline, mobile, organisationNumber, personnummer, vatNumberFor } from "./swedish-ids";
import { mailDomainFor } from "./company";

/** Share of customers that are companies; the rest are private persons (B2C with VAT-inclusive prices). */
const COMPANY_SHARE = 0.65;

function personName(rng: Rng): { first: string; last: string } {
  const first = rng.chance(0.5) ? rng.pick(FEMALE_FIRST_NAMES) : rng.pick(MALE_FIRST_NAMES);
  return { first, last: rng.pick(LAST_NAMES) };
}

function companyCustomerName(rng: Rng, suffix: string): string {
  const base = rng.chance(0.45) ? rng.pick(LAST_NAMES) : rng.pick(COMPANY_PREFIXES);
  const sons = rng.chance(0.05) ? " & Söner" : "";
  return `${base}${sons} ${rng.pick(COMPANY_TRADES)} ${suffix}`;
}

/** Swedish GS1 GLN (prefix 73…) — only larger customers that take e-invoices (Peppol) have one. */
function gln(rng: Rng): string {
  const twelve = "735" + rng.digits(9);
  return twelve + String(gs1CheckDigit(twelve));
}

/**
 * Generates `count` customers numbered "1".."count". `usedOrgNumbers` keeps org numbers and
 * personnummer unique across the register, as Fortnox users expect when matching on them.
 */
export function generateCustomers(rng: Rng, count: number, ourReferences: readonly string[]): Wire[] {
  const customers: Wire[] = new Array<Wire>(count);
  const usedIds = new Set<string>();
  for (let i = 0; i < count; i++) {
    customers[i] = generateCustomer(rng, String(i + 1), usedIds, ourReferences);
  }
  return customers;
}

function uniqueId(make: () => string, used: Set<string>): string {
  let id = make();
  while (used.has(id)) id = make();
  used.add(id);
  return id;
}

function generateCustomer(rng: Rng, customerNumber: string, usedIds: Set<string>, ourReferences: readonly string[]): Wire {
  const isCompany = rng.chance(COMPANY_SHARE);
  const addr = address(rng);
  const city = addr.city;
  let name: string;
  let orgNo: string;
  let email: string;
  let emailInvoice: string;
  let yourReference = "";
  let www = "";
  let phone1: string;
  let phone2 = "";
  let address2 = "";
  let customerGln: string | undefined;
  if (isCompany) {
    const form = rng.weighted(COMPANY_FORMS.map((f) => [f, f.weight] as const));
    name = companyCustomerName(rng, form.suffix);
    orgNo = uniqueId(() => organisationNumber(rng, rng.pick(form.orgPrefixes)), usedIds);
    const domain = mailDomainFor(name);
    const contact = personName(rng);
    yourReference = `${contact.first} ${contact.last}`;
    email = `info@${domain}`;
    emailInvoice = rng.chance(0.5) ? `faktura@${domain}` : email;
    www = `www.${domain}`;
    phone1 = landline(rng, city);
    if (rng.chance(0.4)) phone2 = mobile(rng);
    if (rng.chance(0.08)) address2 = `Box ${rng.int(10, 9999)}`;
    if (rng.chance(0.08)) customerGln = gln(rng);
  } else {
    const person = personName(rng);
    name = `${person.first} ${person.last}`;
    orgNo = uniqueId(() => personnummer(rng), usedIds);
    email = `${asciiSlug(name)}${rng.chance(0.4) ? rng.int(1, 99) : ""}@${rng.pick(PRIVATE_MAIL_DOMAINS)}`;
    emailInvoice = email;
    phone1 = mobile(rng);
    if (rng.chance(0.05)) address2 = `c/o ${rng.pick(LAST_NAMES)}`;
  }
  // A separate delivery address is common for companies with a warehouse or building site.
  const delivery = isCompany && rng.chance(0.12) ? address(rng) : undefined;
  const byEmail = rng.chance(isCompany ? 0.85 : 0.6);
  const customer: Wire = {
    Active: rng.chance(0.95),
    Address1: addr.street,
    Address2: address2,
    City: city.name,
    Comments: "",
    CostCenter: "",
    Country: "Sverige",
    CountryCode: "SE",
    // A few exporters invoice in euro; invoices inherit the customer's currency.
    Currency: isCompany && rng.chance(0.04) ? "EUR" : "SEK",
    CustomerNumber: customerNumber,
    DefaultDeliveryTypes: { Invoice: byEmail ? "EMAIL" : "PRINT", Offer: "EMAIL", Order: "EMAIL" },
    DefaultTemplates: {
      CashInvoice: "DEFAULTTEMPLATE",
      Invoice: "DEFAULTTEMPLATE",
      Offer: "DEFAULTTEMPLATE",
      Order: "DEFAULTTEMPLATE",
    },
    DeliveryAddress1: delivery ? delivery.street : "",
    DeliveryAddress2: "",
    DeliveryCity: delivery ? delivery.city.name : "",
    DeliveryCountry: delivery ? "Sverige" : "",
    // Spec: minLength 2, so "" would not validate; Fortnox shows the default country.
    DeliveryCountryCode: "SE",
    DeliveryFax: "",
    DeliveryName: delivery ? name : "",
    DeliveryPhone1: "",
    DeliveryPhone2: "",
    DeliveryZipCode: delivery ? delivery.zipCode : "",
    Email: email,
    EmailInvoice: emailInvoice,
    EmailInvoiceBCC: "",
    EmailInvoiceCC: "",
    EmailOffer: email,
    EmailOfferBCC: "",
    EmailOfferCC: "",
    EmailOrder: email,
    EmailOrderBCC: "",
    EmailOrderCC: "",
    ExternalReference: "",
    Fax: "",
    InvoiceAdministrationFee: "",
    InvoiceDiscount: 0,
    InvoiceFreight: "",
    InvoiceRemark: "",
    Name: name,
    OrganisationNumber: orgNo,
    OurReference: ourReferences.length > 0 ? rng.pick(ourReferences) : "",
    Phone1: phone1,
    Phone2: phone2,
    PriceList: "A",
    Project: "",
    ShowPriceVATIncluded: !isCompany,
    TermsOfDelivery: "",
    TermsOfPayment: "30",
    Type: isCompany ? "COMPANY" : "PRIVATE",
    VATNumber: isCompany ? vatNumberFor(orgNo) : "",
    VATType: "SEVAT",
    VisitingAddress: "",
    VisitingCity: "",
    VisitingCountry: "",
    VisitingCountryCode: "SE",
    VisitingZipCode: "",
    WWW: www,
    WayOfDelivery: "",
    YourReference: yourReference,
    ZipCode: addr.zipCode,
  };
  // GLN and SalesAccount have minLength 13/4 in the spec; Fortnox sends null when unset, which the
  // spec does not allow either, so unset ones are left out rather than sent as "".
  if (customerGln !== undefined) {
    customer.GLN = customerGln;
    customer.GLNDelivery = customerGln;
  }
  return customer;
}
