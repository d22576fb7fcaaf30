import { apiError, FortnoxApiError } from "../core/errors";
import type { ApiContext, ApiRoute, StoredRecord, Wire } from "../core/types";

import { CUSTOMER_FIELDS, CUSTOMER_READONLY } from "./fields";
import { contains, equals, listRecords, type ListSpec } from "./list-query";
import { cleanFields, missingField, unwrap } from "./validate";

const LIST: ListSpec = {
  plural: "Customers",
  numberField: "CustomerNumber",
  path: "/3/customers",
  itemFields: ["Address1", "Address2", "City", "CustomerNumber", "Email", "Name", "OrganisationNumber", "Phone", "ZipCode"],
  sorts: { customernumber: "CustomerNumber", name: "Name" },
  filters: { active: (r) => r.Active === true, inactive: (r) => r.Active !== true },
  search: {
    customernumber: equals("CustomerNumber"),
    name: contains("Name"),
    zipcode: contains("ZipCode"),
    city: contains("City"),
    email: contains("Email"),
    phone: contains("Phone1"),
    organisationnumber: contains("OrganisationNumber"),
    gln: equals("GLN"),
    glndelivery: equals("GLNDelivery"),
  },
};

// The list item's Phone is the record's Phone1 (CustomerListItem has no Phone1).
const listView = (r: Wire): Wire => ({ ...r, Phone: r.Phone1 ?? "" });

function find(ctx: ApiContext): StoredRecord {
  const rec = ctx.db.customers.get(ctx.params.id ?? "");
  if (!rec) throw new FortnoxApiError(404, 2000433, `Kan inte hitta kunden ${ctx.params.id ?? ""}`);
  return rec;
}

const single = (ctx: ApiContext, r: Wire) => ({ Customer: { "@url": `${ctx.baseUrl}/3/customers/${encodeURIComponent(String(r.CustomerNumber))}`, ...r } });

const DEFAULTS: Wire = { Active: true, Type: "COMPANY", Currency: "SEK", CountryCode: "SE", VATType: "SEVAT", TermsOfPayment: "30", ShowPriceVATIncluded: false };

export const customerRoutes: ApiRoute[] = [
  {
    method: "GET",
    pattern: "/3/customers",
    scope: "customer",
    handler: (ctx) => {
      const view = new Map([...ctx.db.customers].map(([k, v]) => [k, { ...v, data: listView(v.data) }]));
      return listRecords(ctx, view, LIST);
    },
  },
  { method: "GET", pattern: "/3/customers/:id", scope: "customer", handler: (ctx) => ({ status: 200, body: single(ctx, find(ctx).data) }) },
  {
    method: "POST",
    pattern: "/3/customers",
    scope: "customer",
    handler: (ctx) => {
      const input = cleanFields(unwrap(ctx.body, "Customer"), CUSTOMER_FIELDS, CUSTOMER_READONLY);
      if (typeof input.Name !== "string" || !input.Name.trim()) throw missingField("Name");
      const db = ctx.db;
      let number = typeof input.CustomerNumber === "string" && input.CustomerNumber !== "" ? input.CustomerNumber : undefined;
      if (number === undefined) {
        while (db.usedCustomerNumbers.has(String(db.nextCustomerNumber))) db.nextCustomerNumber++;
        number = String(db.nextCustomerNumber++);
      }
      // Customer numbers stay reserved after deletion (2000637).
      if (db.usedCustomerNumbers.has(number)) throw apiError("customerNumberUsed", { n: number });
      const record: Wire = { ...DEFAULTS, ...input, CustomerNumber: number };
      db.usedCustomerNumbers.add(number);
      db.customers.set(number, { data: record, lastModified: ctx.now });
      ctx.emit({ topic: "customers", type: "customer-created-v1", entityId: number });
      return { status: 201, body: single(ctx, record) };
    },
  },
  {
    method: "PUT",
    pattern: "/3/customers/:id",
    scope: "customer",
    handler: (ctx) => {
      const rec = find(ctx);
      const input = cleanFields(unwrap(ctx.body, "Customer"), CUSTOMER_FIELDS, CUSTOMER_READONLY);
      // The primary number cannot change (fortnox-facts §3.4): it is ignored like a read-only field.
      delete input.CustomerNumber;
      rec.data = { ...rec.data, ...input };
      rec.lastModified = ctx.now;
      ctx.emit({ topic: "customers", type: "customer-updated-v1", entityId: String(rec.data.CustomerNumber) });
      return { status: 200, body: single(ctx, rec.data) };
    },
  },
  {
    method: "DELETE",
    pattern: "/3/customers/:id",
    scope: "customer",
    handler: (ctx) => {
      const rec = find(ctx);
      ctx.db.customers.delete(String(rec.data.CustomerNumber));
      ctx.emit({ topic: "customers", type: "customer-deleted-v1", entityId: String(rec.data.CustomerNumber) });
      return { status: 204 };
    },
  },
];
