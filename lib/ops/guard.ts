import "server-only";

import { notFound } from "next/navigation";

import { getViewer, type Viewer } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";

import { claimFirstOperator, isOperator } from "./operators";

/**
 * The signed-in operator, or null for everyone else. In demo mode the first person to reach this
 * check while no operator exists becomes one (lazily here rather than in sign-in, so sign-in stays
 * untouched; the demo's first visitor is the one who started it).
 */
export async function getOperator(): Promise<Viewer | null> {
  const viewer = await getViewer();
  if (!viewer) return null;
  const db = await getDb();
  if (await isOperator(db, viewer.user.id)) return viewer;
  if (getEnv().mode !== "demo") return null;
  if (await claimFirstOperator(db, viewer.user.id)) logger.info("demo mode: the first user became operator", { userId: viewer.user.id });
  // Next renders a layout and its page at once: the other one may have just made this viewer the
  // operator, so the answer is the table's, not this call's claim.
  return (await isOperator(db, viewer.user.id)) ? viewer : null;
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
