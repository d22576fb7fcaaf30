import "server-only";

import { notFound } from "next/navigation";

import { getViewer, type Viewer } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

import { isOperator } from "./operators";

/**
 * The signed-in operator, or null for everyone else. Operators are granted with `npm run ops`, or
 * in demo mode at sign-in (the first person ever to sign in; see lib/auth/config.ts). Never here:
 * granting on the first visit to /ops would hand the deployment to whoever found it first, a
 * second company's user included.
 */
export async function getOperator(): Promise<Viewer | null> {
  const viewer = await getViewer();
  if (!viewer) return null;
  return (await isOperator(await getDb(), viewer.user.id)) ? viewer : null;
}

/** For pages: the operator, or Next's 404 (nobody else learns `/ops` exists). */
export async function requireOperatorPage(): Promise<Viewer> {
  const viewer = await getOperator();
  if (!viewer) notFound();
  return viewer;
}

/** For route handlers and actions: the operator, or a 404 AppError (never 401/403: no oracle). */
export async function requireOperator(): Promise<Viewer> {
  const viewer = await getOperator();
  if (!viewer) throw new AppError("not_found", "Not found.");
  return viewer;
}
