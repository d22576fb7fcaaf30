import type { z } from "zod";

import type { Sandbox } from "../core/context";

/** Shared shapes of the control API's routes. */

export interface ControlRoute {
  method: string;
  pattern: string;
  testOnly?: boolean;
  handler(sb: Sandbox, params: Record<string, string>, body: unknown, url: URL): { status: number; body?: unknown };
}

export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body ?? {});
  if (!r.success) throw new ControlError(400, r.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
  return r.data;
}

