import { FortnoxApiError } from "../core/errors";
import type { ApiContext, ApiResult, ApiRoute, Wire } from "../core/types";
import { str } from "../core/wire";

import { blankRecord, CUSTOMER_FIELDS, CUSTOMER_READONLY } from "./fields";
import { contains, exact, listRecords, type Criterion, type ListSpec } from "./list-query";
import { commit, findRecord, nextFreeNumber, remove, single, type Resource } from "./resource";
import { applyPatch, cleanFields, missingField, presentText, unwrap } from "./validate";

const RESOURCE: Resource = {
  records: (db) => db.customers,
  wrapper: "Customer",
  path: "/3/customers",
  numberField: "CustomerNumber",
  topic: "customers",
  eventPrefix: "customer",
  // Code and text as live Fortnox answers (client code matches on both).
  notFound: () => new FortnoxApiError(404, 2000433, "Kan inte hitta kunden."),
};

/** Phone search: substring, and digits-only when the query has digits ("0704455667" finds "070-445 56 67"). */
const phone: Criterion = (value) => {
  const needle = value.toLowerCase();
  const digits = value.replace(/\D/g, "");
  return (r) => {
    const p = str(r.Phone1);
    return p.toLowerCase().includes(needle) || (digits !== "" && p.replace(/\D/g, "").includes(digits));
  };
};

const LIST: ListSpec = {
  plural: "Customers",
  numberField: "CustomerNumber",
  path: "/3/customers",
  itemFields: ["Address1", "Address2", "City", "CustomerNumber", "Email", "Name", "OrganisationNumber", "Phone", "ZipCode"],
  // CustomerListItem has Phone where the record has Phone1.
  itemView: (r) => ({ ...r, Phone: r.Phone1 ?? "" }),
  sorts: { customernumber: { field: "CustomerNumber", kind: "number" }, name: { field: "Name", kind: "text" } },
  filters: { active: () => (r) => r.Active !== false, inactive: () => (r) => r.Active === false },
  search: {
    customernumber: exact("CustomerNumber"),
    name: contains("Name"),
    zipcode: contains("ZipCode"),
    city: contains("City"),
    email: contains("Email"),
    phone,
    organisationnumber: contains("OrganisationNumber"),
    gln: exact("GLN"),
    glndelivery: exact("GLNDelivery"),
  },
};

/** What Fortnox fills for a customer created with only a name (company defaults of a Swedish company). */
const DEFAULTS: Wire = {
  ...blankRecord(CUSTOMER_FIELDS),
  Active: true,
  Country: "Sverige",
  CountryCode: "SE",
  Currency: "SEK",
  DefaultDeliveryTypes: { Invoice: "PRINT", Offer: "PRINT", Order: "PRINT" },
  DefaultTemplates: { CashInvoice: "DEFAULTTEMPLATE", Invoice: "DEFAULTTEMPLATE", Offer: "DEFAULTTEMPLATE", Order: "DEFAULTTEMPLATE" },
  DeliveryCountryCode: "SE",
  PriceList: "A",
  TermsOfPayment: "30",
  Type: "COMPANY",
  VATType: "SEVAT",
  VisitingCountryCode: "SE",
};

function create(ctx: ApiContext): ApiResult {
  const input = cleanFields(unwrap(ctx.body, "Customer"), CUSTOMER_FIELDS, CUSTOMER_READONLY);
  if (!presentText(input.Name)) throw missingField("Name");
  const db = ctx.db;
  let number = presentText(input.CustomerNumber);
  if (number === null) {
    const free = nextFreeNumber(db.nextCustomerNumber, (n) => db.usedCustomerNumbers.has(n));
    number = free.number;
    db.nextCustomerNumber = free.next;
  } else if (db.usedCustomerNumbers.has(number)) {
    // Numbers stay reserved after deletion; the second sentence only applies to deleted ones.
    const deleted = !db.customers.has(number);
    throw new FortnoxApiError(400, 2000637, `Kundnummer ${number} används redan.${deleted ? " Kundnumret har redan använts men blivit raderat." : ""}`);
  }
  db.usedCustomerNumbers.add(number);
  const record = applyPatch(DEFAULTS, { ...input, CustomerNumber: number });
  commit(ctx, RESOURCE, record, "created");
  return { status: 201, body: single(ctx, RESOURCE, record) };
}

function update(ctx: ApiContext): ApiResult {
  const rec = findRecord(ctx, RESOURCE);
  const input = cleanFields(unwrap(ctx.body, "Customer"), CUSTOMER_FIELDS, CUSTOMER_READONLY);
  // The primary number cannot change (docs/fortnox.md#api-conventions); like a read-only field it is ignored.
  delete input.CustomerNumber;
  if ("Name" in input && !presentText(input.Name)) throw missingField("Name");
  const record = applyPatch(rec.data, input);
  commit(ctx, RESOURCE, record, "updated");
  return { status: 200, body: single(ctx, RESOURCE, record) };
}

export const customerRoutes: ApiRoute[] = [
  { method: "GET", pattern: "/3/customers", scope: "customer", handler: (ctx) => listRecords(ctx, ctx.db.customers, LIST) },
  { method: "GET", pattern: "/3/customers/:id", scope: "customer", handler: (ctx) => ({ status: 200, body: single(ctx, RESOURCE, findRecord(ctx, RESOURCE).data) }) },
  { method: "POST", pattern: "/3/customers", scope: "customer", handler: create },
  { method: "PUT", pattern: "/3/customers/:id", scope: "customer", handler: update },
  {
    method: "DELETE",
    pattern: "/3/customers/:id",
    scope: "customer",
    // The number stays in usedCustomerNumbers: reusing it later is 2000637.
    handler: (ctx) => {
      remove(ctx, RESOURCE);
      return { status: 204 };
    },
  },
];
