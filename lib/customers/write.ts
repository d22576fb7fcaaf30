import "server-only";

import { getCustomerForWrite } from "@/lib/db/queries/write-lookups";
import { AppError } from "@/lib/errors";
import { fortnoxWriteError } from "@/lib/fortnox/field-errors";
import type { Customer } from "@/lib/fortnox/types";
import type { WriteContext } from "@/lib/fortnox/writes/context";
import { createCustomer, updateCustomer, type CustomerInput } from "@/lib/fortnox/writes/customers";
import { msg } from "@/lib/forms/message-ref";
import { saveFetchedRecord } from "@/lib/sync/records";
import { customersSync } from "@/lib/sync/resources";

/**
 * Customer write-back: write to Fortnox, then store what Fortnox answered, so lists and detail pages
 * show the record at once instead of after the next sync. Fortnox is the source of truth: nothing is
 * stored locally unless Fortnox accepted it.
 */

const CTX = { form: "customer" } as const;

/** Create a customer in Fortnox and store it. */
export async function createCustomerRecord(w: WriteContext, input: CustomerInput): Promise<Customer> {
  let customer: Customer;
  try {
    customer = await createCustomer(w.api, input);
  } catch (e) {
    throw fortnoxWriteError(e, CTX);
  }
  await saveFetchedRecord(w.db, w.connectionId, customersSync, customer);
  return customer;
}

/** Update customer `customerNumber` of this connection (not_found for another company's number). */
export async function updateCustomerRecord(w: WriteContext, customerNumber: string, patch: Partial<CustomerInput>): Promise<Customer> {
  if (!(await getCustomerForWrite(w.db, w.connectionId, customerNumber))) throw new AppError("not_found", msg("write.error.customerNotFound", { number: customerNumber }));
  let customer: Customer;
  try {
    customer = await updateCustomer(w.api, customerNumber, patch);
  } catch (e) {
    throw fortnoxWriteError(e, CTX);
  }
  await saveFetchedRecord(w.db, w.connectionId, customersSync, customer);
  return customer;
}
