"use server";

import { z } from "zod";

import { getDb } from "@/lib/db/client";
import { msg } from "@/lib/forms/message-ref";
import { getBoss } from "@/lib/jobs/boss";
import { cancelRun, retryRun } from "@/lib/sync/run-control";

import { defineAction } from "./define-action";
import type { ActionResult } from "./result";

/**
 * A run page's two controls, for the company's administrators only: the wrapper's guard checks the
 * person against the posted company, and the run is looked up within that company alone.
 */

const runId = z.uuid({ error: msg("sync.run.error.notFound") });
const runPath = (id: string) => `/sync/runs/${id}`;

const cancel = defineAction({
  schema: z.object({ runId }),
  role: "admin",
  forbiddenMessage: "sync.run.error.forbidden",
  async run(input, ctx) {
    const run = await cancelRun(await getDb(), { connectionId: ctx.connectionId, tenantId: ctx.company.tenantId, userId: ctx.viewer.user.id, runId: input.runId });
    return { runId: run.id };
  },
  revalidate: (data) => [runPath(data.runId), "/sync", "/dashboard"],
});

const retry = defineAction({
  schema: z.object({ runId }),
  role: "admin",
  forbiddenMessage: "sync.run.error.forbidden",
  async run(input, ctx) {
    const run = await retryRun(await getDb(), getBoss(), { connectionId: ctx.connectionId, tenantId: ctx.company.tenantId, userId: ctx.viewer.user.id, runId: input.runId });
    return { runId: run.id, retryOf: input.runId };
  },
  revalidate: (data) => [runPath(data.retryOf), "/sync", "/dashboard"],
  // The new run's page: the person follows the retry from where they asked for it.
  redirectTo: (data) => runPath(data.runId),
});

export type RunCancelled = { runId: string };
export type RunRetried = { runId: string; retryOf: string };

export async function cancelRunAction(prev: ActionResult<RunCancelled> | null, formData: FormData): Promise<ActionResult<RunCancelled>> {
  return cancel(prev, formData);
}

export async function retryRunAction(prev: ActionResult<RunRetried> | null, formData: FormData): Promise<ActionResult<RunRetried>> {
  return retry(prev, formData);
}
