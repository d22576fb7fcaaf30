import { z } from "zod";

import { checkbox, optionalEmail, optionalText, organisationNumber, requiredText } from "@/lib/forms/fields";
import { msg } from "@/lib/forms/message-ref";

/**
 * The customer form, shared by the form (limits as input hints) and the actions. Limits are the
 * SPEC's (fortnox_Customer): text ≤1024, ZipCode ≤10, YourReference ≤50.
 */
export const CUSTOMER_LIMITS = { name: 1024, text: 1024, zipCode: 10, reference: 50, customerNumber: 50 } as const;

const customerFields = {
  name: requiredText(CUSTOMER_LIMITS.name),
  organisationNumber,
  type: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["COMPANY", "PRIVATE"], msg("write.err.customerType")).optional()).transform((v) => v ?? null),
  email: optionalEmail,
  phone: optionalText(CUSTOMER_LIMITS.text),
  address1: optionalText(CUSTOMER_LIMITS.text),
  address2: optionalText(CUSTOMER_LIMITS.text),
  zipCode: optionalText(CUSTOMER_LIMITS.zipCode),
  city: optionalText(CUSTOMER_LIMITS.text),
  yourReference: optionalText(CUSTOMER_LIMITS.reference),
};

/** New customer: the number is optional (Fortnox assigns the next free one). */
export const createCustomerSchema = z.object({
  ...customerFields,
  customerNumber: optionalText(CUSTOMER_LIMITS.customerNumber).refine((v) => v === null || /^[\w-]+$/.test(v), msg("write.err.recordKey")),
});

/** Edit: every field is posted, so a blank one clears it in Fortnox; the number comes from the page. */
export const updateCustomerSchema = z.object({
  ...customerFields,
  customerNumber: requiredText(CUSTOMER_LIMITS.customerNumber),
  active: checkbox,
});

export type CreateCustomerForm = z.output<typeof createCustomerSchema>;
export type UpdateCustomerForm = z.output<typeof updateCustomerSchema>;
