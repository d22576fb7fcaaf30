import "server-only";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";

import { requireCompanyId } from "@/lib/api/tenant";
import { isReadOnlyError, type Viewer } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import type { UserCompany } from "@/lib/db/queries/companies";
import { AppError, isAppError } from "@/lib/errors";
import { getInteractiveFortnoxApi } from "@/lib/fortnox/api";
import { auditedWrites } from "@/lib/fortnox/writes/audit";
import type { WriteContext } from "@/lib/fortnox/writes/context";
import { fieldErrors } from "@/lib/forms/fields";
import { formDataToObject } from "@/lib/forms/form-data";
import { msg } from "@/lib/forms/message-ref";
import { localizeAppError } from "@/lib/i18n/app-errors";
import { dictionaries } from "@/lib/i18n/dictionaries";
import { getLocale } from "@/lib/i18n/server";
import { logger } from "@/lib/log";

import type { ActionResult } from "./result";

/**
 * The one builder of server actions that act on a company . In order: the viewer
 * and their access to the posted `connectionId` (a UUID, else not found; with the role, if any),
 * the shared zod schema over the whole form (every field error, not the first), the domain call,
 * revalidation, and a typed result. Expected failures (AppError: bad input, forbidden, not found,
 * Fortnox unavailable or busy, reconnect required) come back as results in the user's language;
 * anything else is a bug, logged with its stack and rethrown to error.tsx. `redirect()` runs only
 * after success, outside the error handling.
 */

export interface ActionContext {
  connectionId: string;
  viewer: Viewer;
  company: UserCompany;
  /** The database and Fortnox API of the authorised connection. */
  write(): Promise<WriteContext>;
}

/** A path whose cached pages a write changed; `{ layout }` revalidates everything under it. */
export type RevalidateTarget = string | { layout: string };

export interface ActionSpec<S extends z.ZodType, T> {
  schema: S;
  /** Omitted: any member of the company who may write. */
  role?: "admin";
  /** The action changes nothing (switching company): viewers, who may only read, may use it too. */
  readOnly?: boolean;
  /** A message key for `forbidden` in the action's own words (e.g. why members may not). */
  forbiddenMessage?: string;
  run(input: z.output<S>, ctx: ActionContext): Promise<T>;
  revalidate?(data: T, input: z.output<S>): RevalidateTarget[];
  /** Where to go after success; without it the result is returned to the form. */
  redirectTo?(data: T): string;
}

export type FormAction<T> = (prev: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;

async function attempt<S extends z.ZodType, T>(spec: ActionSpec<S, T>, formData: FormData): Promise<ActionResult<T>> {
  const { connectionId, viewer, company } = await requireCompanyId(formData.get("connectionId"), { role: spec.role, write: !spec.readOnly });
  const parsed = spec.schema.safeParse(formDataToObject(formData));
  if (!parsed.success) throw new AppError("invalid_input", msg("write.error.invalid_input"), fieldErrors(parsed.error));
  // Every write-back reaches Fortnox through this API, so each is audited here (lib/fortnox/writes/audit.ts).
  const write = async (): Promise<WriteContext> => {
    const db = await getDb();
    const api = auditedWrites(await getInteractiveFortnoxApi(connectionId), { db, tenantId: company.tenantId, connectionId, userId: viewer.user.id });
    return { db, api, connectionId };
  };
  const data = await spec.run(parsed.data, { connectionId, viewer, company, write });
  for (const target of spec.revalidate?.(data, parsed.data) ?? []) {
    if (typeof target === "string") revalidatePath(target);
    else revalidatePath(target.layout, "layout");
  }
  return { ok: true, data };
}

export function defineAction<S extends z.ZodType, T>(spec: ActionSpec<S, T>): FormAction<T> {
  return async (_prev, formData) => {
    let result: ActionResult<T>;
    try {
      result = await attempt(spec, formData);
    } catch (e) {
      if (!isAppError(e)) {
        logger.error("server action failed", { error: e });
        throw e;
      }
      const dict = dictionaries[await getLocale()];
      // A viewer's refusal keeps its own reason (read-only), whatever the action would say to a member.
      const error = e.code === "forbidden" && spec.forbiddenMessage && !isReadOnlyError(e) ? new AppError("forbidden", spec.forbiddenMessage) : e;
      result = { ok: false, code: e.code, ...localizeAppError(error, dict) };
    }
    if (result.ok && spec.redirectTo) redirect(spec.redirectTo(result.data));
    return result;
  };
}
