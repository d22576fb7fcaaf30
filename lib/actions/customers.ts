"use server";

import { createCustomerRecord, updateCustomerRecord } from "@/lib/customers/write";
import { createCustomerSchema, updateCustomerSchema } from "@/lib/customers/schema";

import { defineAction } from "./define-action";
import type { ActionResult } from "./result";

/** Customer write-back actions: members may create and edit. */

type Saved = { customerNumber: string };

const detailPath = (d: Saved) => `/customers/${encodeURIComponent(d.customerNumber)}`;

const create = defineAction({
  schema: createCustomerSchema,
  async run(input, ctx) {
    const c = await createCustomerRecord(await ctx.write(), input);
    return { customerNumber: c.customerNumber };
  },
  revalidate: (d) => ["/customers", detailPath(d)],
  redirectTo: detailPath,
});

const update = defineAction({
  schema: updateCustomerSchema,
  async run({ customerNumber, ...patch }, ctx) {
    const c = await updateCustomerRecord(await ctx.write(), customerNumber, patch);
    return { customerNumber: c.customerNumber };
  },
  revalidate: (d) => ["/customers", detailPath(d)],
  redirectTo: detailPath,
});

export async function createCustomerAction(prev: ActionResult<Saved> | null, formData: FormData): Promise<ActionResult<Saved>> {
  return create(prev, formData);
}

export async function updateCustomerAction(prev: ActionResult<Saved> | null, formData: FormData): Promise<ActionResult<Saved>> {
  return update(prev, formData);
}
