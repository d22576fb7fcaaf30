import "server-only";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";

import { getDb } from "@/lib/db/client";
import type { UserCompany } from "@/lib/db/queries/companies";
import type { User } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

import { liveSession } from "./server-sessions";
import { readSession } from "./session";

export const COMPANY_COOKIE = "brygga-company";

export interface Viewer {
  user: User;
  /** The server-side session behind the cookie (ended by sign-out). */
  sessionId: string;
  companies: UserCompany[];
  /** The company being worked on: the remembered choice if the user still belongs to it. */
  active: UserCompany | null;
}

/**
 * The signed-in viewer for this request, or null. Cached for this request only: the session row is
 * read again on the next one, so a sign-out or revocation anywhere counts at once.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await readSession();
  if (!session) return null;
  const { userId, sessionId } = session;
  const db = await getDb();
  const live = await liveSession(db, sessionId, userId);
  if (!live) return null;
  const { user } = live;
  const companies = live.companies.filter((c) => c.connectionStatus !== "disconnected");
  const chosen = (await cookies()).get(COMPANY_COOKIE)?.value ?? session.connectionId;
  const active = companies.find((c) => c.connectionId === chosen) ?? companies[0] ?? null;
  return { user, sessionId, companies, active };
});

/** For pages: the viewer, or a redirect to the activation page. */
export async function requireViewerPage(): Promise<Viewer & { active: UserCompany }> {
  const viewer = await getViewer();
  if (!viewer?.active) redirect("/activate");
  return viewer as Viewer & { active: UserCompany };
}

/** A viewer (read-only member) tried to change something. Translated as `portal.readOnly`. */
export class ReadOnlyError extends AppError {
  readonly reason = "read_only";
  readonly messageKey = "portal.readOnly";
  constructor() {
    // The message is the key: actions and routes translate a known key (lib/i18n/app-errors.ts) and
    // fall back to the generic "forbidden" text for anything else, which would not say why.
    super("forbidden", "portal.readOnly");
  }
}

/** By its reason, not `instanceof`: AppError's brand makes every AppError an instance of its subclasses too. */
export const isReadOnlyError = (e: unknown): e is ReadOnlyError => e instanceof AppError && (e as { reason?: unknown }).reason === "read_only";

export interface CompanyRequirement {
  /** Only the company's administrators. */
  role?: "admin";
  /** The request changes something: viewers are refused with ReadOnlyError. */
  write?: boolean;
}

/** May `role` do what `need` asks? (For UIs deciding what to show; the guard below enforces it.) */
export function allows(role: UserCompany["role"], need: CompanyRequirement): boolean {
  if (need.role === "admin" && role !== "admin") return false;
  return !(need.write && role === "viewer");
}

/**
 * For actions and route handlers: the viewer with access to `connectionId`, or a typed error
 * (401 signed out, 404 unknown or another tenant's, 403 not an admin or read-only).
 */
export async function requireCompany(connectionId: string, need?: "admin" | CompanyRequirement): Promise<{ viewer: Viewer; company: UserCompany }> {
  const requirement: CompanyRequirement = typeof need === "string" ? { role: need } : (need ?? {});
  const viewer = await getViewer();
  if (!viewer) throw new AppError("unauthenticated", "Sign in to continue.");
  const company = viewer.companies.find((c) => c.connectionId === connectionId);
  // Another tenant's id looks exactly like an unknown one: no existence oracle.
  if (!company) throw new AppError("not_found", "No such company connection.");
  if (requirement.role === "admin" && company.role !== "admin") throw new AppError("forbidden", "Only the company's administrators may do this.");
  if (!allows(company.role, requirement)) throw new ReadOnlyError();
  return { viewer, company };
}
