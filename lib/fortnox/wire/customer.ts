import "server-only";

import { z } from "zod";

import type { Customer } from "../types";

import { bool, decoder, key, text } from "./common";
import { pageDecoder, singleDecoder, type FortnoxResource } from "./envelope";

/** CustomerListItem (docs/fortnox.md#api-conventions): ten fields, `Phone` rather than `Phone1`. */
export const customerListItemWire = z.looseObject({
  CustomerNumber: key,
  Name: z.string(),
  OrganisationNumber: text,
  Email: text,
  Phone: text,
  City: text,
  ZipCode: text,
  Address1: text,
  Address2: text,
});

/** Customer (detail). Fields Brygga does not map pass through into `raw`. */
export const customerWire = customerListItemWire.extend({
  Active: bool,
  Type: text,
  Phone1: text,
  Phone2: text,
  Currency: text,
  CountryCode: text,
  VATNumber: text,
  VATType: text,
  TermsOfPayment: text,
});

type CustomerFields = z.output<typeof customerListItemWire> & Partial<Pick<z.output<typeof customerWire>, "Active" | "Type" | "Phone1" | "Phone2">>;

const toCustomer = (c: CustomerFields, raw: Record<string, unknown>): Customer => ({
  customerNumber: c.CustomerNumber,
  name: c.Name,
  organisationNumber: c.OrganisationNumber,
  type: c.Type ?? null,
  email: c.Email,
  phone: c.Phone1 ?? c.Phone ?? c.Phone2 ?? null,
  city: c.City,
  zipCode: c.ZipCode,
  active: c.Active ?? null,
  raw,
});

export const decodeCustomerListItem = decoder(customerListItemWire, toCustomer);
export const decodeCustomer = decoder(customerWire, toCustomer);

export const customersResource: FortnoxResource<Customer, Customer> = {
  path: "/3/customers",
  page: pageDecoder("Customers", decodeCustomerListItem, "CustomerNumber"),
  one: singleDecoder("Customer", decodeCustomer),
};
