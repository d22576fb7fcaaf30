"use server";

import { randomBytes } from "node:crypto";

import { cookies } from "next/headers";

import type { ActionResult } from "@/lib/actions/result";
import { createArticleAction, updateArticleAction } from "@/lib/actions/articles";
import { disconnectAction } from "@/lib/actions/connect";
import { createCustomerAction, updateCustomerAction } from "@/lib/actions/customers";
import { createInvoiceAction } from "@/lib/actions/invoices";

import { FLASH_COOKIE, FLASH_MAX_AGE_S, flashValue, type FlashKey } from "./keys";

/*
 * The write actions whose success redirects, each with its confirmation. The flash cookie is set
 * first and kept only if the action redirected (Next's redirect is a thrown marker): a returned
 * result means the action refused or failed, and an error means it crashed; both clear it.
 */

const isRedirect = (e: unknown) => typeof e === "object" && e !== null && typeof (e as { digest?: unknown }).digest === "string" && (e as { digest: string }).digest.startsWith("NEXT_REDIRECT");

async function withFlash<T>(key: FlashKey, run: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  const jar = await cookies();
  // Readable by the page's script, which shows it and deletes it; it only ever names a message.
  jar.set(FLASH_COOKIE, flashValue(key, randomBytes(6).toString("hex")), { path: "/", maxAge: FLASH_MAX_AGE_S, sameSite: "lax", httpOnly: false });
  try {
    const result = await run();
    jar.delete(FLASH_COOKIE);
    return result;
  } catch (e) {
    if (!isRedirect(e)) jar.delete(FLASH_COOKIE);
    throw e;
  }
}

type Action<T> = (prev: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;
type Data<A> = A extends Action<infer T> ? T : never;

export async function createCustomerWithFlash(prev: ActionResult<Data<typeof createCustomerAction>> | null, formData: FormData) {
  return withFlash("customer.created", () => createCustomerAction(prev, formData));
}

export async function updateCustomerWithFlash(prev: ActionResult<Data<typeof updateCustomerAction>> | null, formData: FormData) {
  return withFlash("customer.saved", () => updateCustomerAction(prev, formData));
}

export async function createArticleWithFlash(prev: ActionResult<Data<typeof createArticleAction>> | null, formData: FormData) {
  return withFlash("article.created", () => createArticleAction(prev, formData));
}

export async function updateArticleWithFlash(prev: ActionResult<Data<typeof updateArticleAction>> | null, formData: FormData) {
  return withFlash("article.saved", () => updateArticleAction(prev, formData));
}

export async function createInvoiceWithFlash(prev: ActionResult<Data<typeof createInvoiceAction>> | null, formData: FormData) {
  return withFlash("invoice.created", () => createInvoiceAction(prev, formData));
}

export async function disconnectWithFlash(prev: ActionResult | null, formData: FormData) {
  return withFlash("disconnected", () => disconnectAction(prev, formData));
}
