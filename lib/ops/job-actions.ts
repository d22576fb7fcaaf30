"use server";

import { redirect } from "next/navigation";
import { z } from "zod";

import { getBoss } from "@/lib/jobs/boss";
import { logger } from "@/lib/log";

import { requireOperator } from "./guard";
import { knownQueue } from "./jobs";

const form = z.object({
  queue: z.string().min(1).max(200),
  id: z.string().uuid(),
  op: z.enum(["retry", "cancel"]),
});

/** Retry or cancel one job. Operators only; the queue must exist and the id must be a job id. */
export async function jobAction(formData: FormData): Promise<void> {
  const operator = await requireOperator();
  const parsed = form.safeParse({ queue: formData.get("queue"), id: formData.get("id"), op: formData.get("op") });
  const back = (done: string, queue?: string) => redirect(`/ops/jobs?${new URLSearchParams({ ...(queue ? { queue } : {}), done }).toString()}`);
  if (!parsed.success) back("unknown");
  const { queue, id, op } = parsed.data!;
  const boss = getBoss();
  if (!(await knownQueue(boss, queue))) back("unknown");
  if (op === "retry") await boss.retry(queue, id);
  else await boss.cancel(queue, id);
  logger.info("operator job action", { op, queue, jobId: id, userId: operator.user.id });
  back(op === "retry" ? "retried" : "cancelled", queue);
}
