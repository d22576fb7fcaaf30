import "server-only";

import type { FortnoxApi } from "../client";
import type { Customer } from "../types";
import { customersResource } from "../wire";

import { toWire, type FieldMap, type WriteMode } from "./body";

/** What Brygga lets a user set on a customer. null = blank (omitted on create, cleared on update). */
export interface CustomerInput {
  customerNumber?: string | null;
  name: string;
  organisationNumber?: string | null;
  type?: "PRIVATE" | "COMPANY" | null;
  email?: string | null;
  phone?: string | null;
  address1?: string | null;
  address2?: string | null;
  zipCode?: string | null;
  city?: string | null;
  yourReference?: string | null;
  active?: boolean | null;
}

/** The one place customer field names cross into Fortnox's casing (SPEC fortnox_Customer). */
export const CUSTOMER_FIELDS: FieldMap<CustomerInput> = {
  customerNumber: "CustomerNumber",
  name: "Name",
  organisationNumber: "OrganisationNumber",
  type: "Type",
  email: "Email",
  phone: "Phone1",
  address1: "Address1",
  address2: "Address2",
  zipCode: "ZipCode",
  city: "City",
  yourReference: "YourReference",
  active: "Active",
};

/**
 * `{"Customer": {...}}` for POST or PUT. The number is never sent on update: Fortnox cannot change a
 * primary number. Blank Type/Active are left out rather than cleared (their blank is not a value).
 */
export function customerBody(input: Partial<CustomerInput>, mode: WriteMode): { Customer: Record<string, unknown> } {
  const { customerNumber, type, active, ...rest } = input;
  const body = toWire<CustomerInput>(mode === "create" ? { ...rest, customerNumber } : rest, CUSTOMER_FIELDS, mode);
  if (type) body.Type = type;
  if (typeof active === "boolean") body.Active = active;
  return { Customer: body };
}

/** POST /3/customers. Fortnox assigns the number when none is given. */
export async function createCustomer(api: FortnoxApi, input: CustomerInput): Promise<Customer> {
  return api.post(customersResource.path, customerBody(input, "create"), customersResource.one);
}

/** PUT /3/customers/{n}: a partial update of the given fields. */
export async function updateCustomer(api: FortnoxApi, customerNumber: string, patch: Partial<CustomerInput>): Promise<Customer> {
  return api.put(`${customersResource.path}/${encodeURIComponent(customerNumber)}`, customerBody(patch, "update"), customersResource.one);
}
