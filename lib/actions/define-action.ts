import "server-only";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";

import { requireCompany, type Viewer } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import type { UserCompany } from "@/lib/db/queries/companies";
import { AppError, isAppError } from "@/lib/errors";
import { getInteractiveFortnoxApi } from "@/lib/fortnox/api";
import type { WriteContext } from "@/lib/fortnox/writes/context";
import { fieldErrors } from "@/lib/forms/fields";
import { formDataToObject } from "@/lib/forms/form-data";
import { isMessageRef, msg, translateRef } from "@/lib/forms/message-ref";
import { dictionaries } from "@/lib/i18n/dictionaries";
import { getLocale } from "@/lib/i18n/server";

import { formString } from "./form";
import type { ActionResult } from "./run-action";

/**
 * The one builder of write actions (house-style §2). In order: the viewer and their access to the
 * posted `connectionId` (with the role, if any), the shared zod schema over the whole form (every
 * field error, not the first), the domain call, revalidation, and a typed result. Expected failures
 * (AppError) come back as results with translated messages; anything else is a bug and throws to
 * error.tsx. `redirect()` runs only after success, outside the error handling.
 */

export interface ActionContext {
  connectionId: string;
  viewer: Viewer;
  company: UserCompany;
  /** The database and Fortnox API of the authorised connection. */
  write(): Promise<WriteContext>;
}

export interface ActionSpec<S extends z.ZodType, T> {
  schema: S;
  /** Omitted: any member of the company. */
  role?: "admin";
  run(input: z.output<S>, ctx: ActionContext): Promise<T>;
  /** Paths whose cached pages the write changed. */
  revalidate?(data: T, input: z.output<S>): string[];
  /** Where to go after success; without it the result is returned to the form. */
  redirectTo?(data: T): string;
}

export type FormAction<T> = (prev: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;

/** Translate an AppError's message and field messages into the request's language. */
export function localizeError(e: AppError, dict: Readonly<Record<string, string>>): ActionResult<never> {
  const message = isMessageRef(e.message, dict) ? translateRef(e.message, dict) : translateRef(msg(`write.error.${e.code}`), dict);
  const fields = e.fields ? Object.fromEntries(Object.entries(e.fields).map(([k, list]) => [k, list.map((m) => translateRef(m, dict))])) : undefined;
  return { ok: false, code: e.code, message, ...(fields ? { fields } : {}) };
}

export function defineAction<S extends z.ZodType, T>(spec: ActionSpec<S, T>): FormAction<T> {
  return async (_prev, formData) => {
    let result: ActionResult<T>;
    try {
      const connectionId = formString(formData, "connectionId");
      const { viewer, company } = await requireCompany(connectionId, spec.role);
      const parsed = spec.schema.safeParse(formDataToObject(formData));
      if (!parsed.success) throw new AppError("invalid_input", msg("write.error.invalid_input"), fieldErrors(parsed.error));
      const write = async (): Promise<WriteContext> => ({ db: await getDb(), api: await getInteractiveFortnoxApi(connectionId), connectionId });
      const data = await spec.run(parsed.data, { connectionId, viewer, company, write });
      for (const path of spec.revalidate?.(data, parsed.data) ?? []) revalidatePath(path);
      result = { ok: true, data };
    } catch (e) {
      const appError = isAppError(e) ? e : null;
      if (!appError) throw e;
      result = localizeError(appError, dictionaries[await getLocale()]);
    }
    if (result.ok && spec.redirectTo) redirect(spec.redirectTo(result.data));
    return result;
  };
}
