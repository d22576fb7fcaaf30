"use server";

import type { InvoiceAction } from "@/lib/fortnox/writes/invoices";
import { createInvoiceSchema, invoiceActionSchema } from "@/lib/invoices/schema";
import { createInvoiceRecord, runInvoiceAction } from "@/lib/invoices/write";

import { defineAction } from "./define-action";
import type { ActionResult } from "./result";

/** Invoice write-back actions. Bookkeep, cancel and credit are open to every member, like creating. */

type Created = { documentNumber: number };

/** The invoice's state after an action, for the detail page's buttons. */
export type InvoiceActionState = {
  documentNumber: number;
  booked: boolean;
  cancelled: boolean;
  credit: boolean;
  balance: number;
  creditInvoiceReference: number | null;
};

const create = defineAction({
  schema: createInvoiceSchema,
  async run(input, ctx) {
    const inv = await createInvoiceRecord(await ctx.write(), input);
    return { documentNumber: inv.documentNumber };
  },
  revalidate: (d) => ["/invoices", `/invoices/${d.documentNumber}`, "/dashboard"],
  redirectTo: (d) => `/invoices/${d.documentNumber}`,
});

function invoiceActionFor(action: InvoiceAction) {
  return defineAction({
    schema: invoiceActionSchema,
    async run({ documentNumber }, ctx): Promise<InvoiceActionState> {
      const { invoice: i } = await runInvoiceAction(await ctx.write(), documentNumber, action);
      return { documentNumber: i.documentNumber, booked: i.booked, cancelled: i.cancelled, credit: i.credit, balance: i.balance, creditInvoiceReference: i.creditInvoiceReference };
    },
    revalidate: (d) => ["/invoices", `/invoices/${d.documentNumber}`, ...(d.creditInvoiceReference ? [`/invoices/${d.creditInvoiceReference}`] : []), "/dashboard"],
  });
}

const bookkeep = invoiceActionFor("bookkeep");
const cancel = invoiceActionFor("cancel");
const credit = invoiceActionFor("credit");

export async function createInvoiceAction(prev: ActionResult<Created> | null, formData: FormData): Promise<ActionResult<Created>> {
  return create(prev, formData);
}

export async function bookkeepInvoiceAction(prev: ActionResult<InvoiceActionState> | null, formData: FormData): Promise<ActionResult<InvoiceActionState>> {
  return bookkeep(prev, formData);
}

export async function cancelInvoiceAction(prev: ActionResult<InvoiceActionState> | null, formData: FormData): Promise<ActionResult<InvoiceActionState>> {
  return cancel(prev, formData);
}

export async function creditInvoiceAction(prev: ActionResult<InvoiceActionState> | null, formData: FormData): Promise<ActionResult<InvoiceActionState>> {
  return credit(prev, formData);
}
