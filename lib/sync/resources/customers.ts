import "server-only";

import { customers } from "@/lib/db/schema";
import { customersResource } from "@/lib/fortnox/wire";
import type { Customer } from "@/lib/fortnox/types";

import type { SyncResource } from "./types";

/**
 * Customer list items carry neither `Type` nor `Active`. The type follows from the organisation
 * number: a Swedish personnummer has a birth month (01–12) where an organisationsnummer's third digit
 * is always 2 or more. `Active` comes from the full passes' `filter=inactive` listing and from detail
 * fetches (real-time events, write-back).
 */
export function customerTypeFromNumber(organisationNumber: string | null): "PRIVATE" | "COMPANY" | null {
  const digits = (organisationNumber ?? "").replace(/\D/g, "");
  const ten = digits.length === 12 ? digits.slice(2) : digits;
  if (ten.length !== 10) return null;
  return Number(ten[2]) >= 2 ? "COMPANY" : "PRIVATE";
}

export const customersSync: SyncResource<Customer, typeof customers> = {
  name: "customers",
  fortnox: customersResource,
  record: { table: customers, connectionId: customers.connectionId, number: customers.customerNumber, raw: customers.raw, deletedAt: customers.deletedAt, syncedAt: customers.syncedAt, seenAt: customers.seenAt },
  numberOf: (c) => c.customerNumber,
  toRow: (connectionId, c) => ({
    connectionId,
    customerNumber: c.customerNumber,
    name: c.name,
    organisationNumber: c.organisationNumber,
    type: c.type ?? customerTypeFromNumber(c.organisationNumber),
    email: c.email,
    phone: c.phone,
    city: c.city,
    zipCode: c.zipCode,
    active: c.active,
    raw: c.raw,
  }),
  listOmits: ["active"],
  inactiveFilter: "inactive",
};
