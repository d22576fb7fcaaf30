"use server";

import { createArticleRecord, updateArticleRecord } from "@/lib/articles/write";
import { createArticleSchema, updateArticleSchema } from "@/lib/articles/schema";

import { defineAction } from "./define-action";
import type { ActionResult } from "./result";

/** Article write-back actions: members may create and edit. */

type Saved = { articleNumber: string };

const detailPath = (d: Saved) => `/articles/${encodeURIComponent(d.articleNumber)}`;

const create = defineAction({
  schema: createArticleSchema,
  async run(input, ctx) {
    const a = await createArticleRecord(await ctx.write(), input);
    return { articleNumber: a.articleNumber };
  },
  revalidate: (d) => ["/articles", detailPath(d)],
  redirectTo: detailPath,
});

const update = defineAction({
  schema: updateArticleSchema,
  async run({ articleNumber, ...patch }, ctx) {
    const a = await updateArticleRecord(await ctx.write(), articleNumber, patch);
    return { articleNumber: a.articleNumber };
  },
  revalidate: (d) => ["/articles", detailPath(d)],
  redirectTo: detailPath,
});

export async function createArticleAction(prev: ActionResult<Saved> | null, formData: FormData): Promise<ActionResult<Saved>> {
  return create(prev, formData);
}

export async function updateArticleAction(prev: ActionResult<Saved> | null, formData: FormData): Promise<ActionResult<Saved>> {
  return update(prev, formData);
}
