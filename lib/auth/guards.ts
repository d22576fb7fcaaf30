import "server-only";

import { eq } from "drizzle-orm";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";

import { getDb } from "@/lib/db/client";
import { listUserCompanies, type UserCompany } from "@/lib/db/queries/companies";
import { users, type User } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

import { readSession } from "./session";

export const COMPANY_COOKIE = "brygga-company";

export interface Viewer {
  user: User;
  companies: UserCompany[];
  /** The company being worked on: the remembered choice if the user still belongs to it. */
  active: UserCompany | null;
}

/** The signed-in viewer for this request, or null. Cached per request. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await readSession();
  if (!session) return null;
  const { userId } = session;
  const db = await getDb();
  const [[user], all] = await Promise.all([db.select().from(users).where(eq(users.id, userId)), listUserCompanies(db, userId)]);
  if (!user) return null;
  const companies = all.filter((c) => c.connectionStatus !== "disconnected");
  const chosen = (await cookies()).get(COMPANY_COOKIE)?.value ?? session.connectionId;
  const active = companies.find((c) => c.connectionId === chosen) ?? companies[0] ?? null;
  return { user, companies, active };
});

/** For pages: the viewer, or a redirect to the activation page. */
export async function requireViewerPage(): Promise<Viewer & { active: UserCompany }> {
  const viewer = await getViewer();
  if (!viewer?.active) redirect("/activate");
  return viewer as Viewer & { active: UserCompany };
}

/** For actions and route handlers: the viewer with access to `connectionId`, or a typed error. */
export async function requireCompany(connectionId: string, role?: "admin"): Promise<{ viewer: Viewer; company: UserCompany }> {
  const viewer = await getViewer();
  if (!viewer) throw new AppError("unauthenticated", "Sign in to continue.");
  const company = viewer.companies.find((c) => c.connectionId === connectionId);
  // Another tenant's id looks exactly like an unknown one: no existence oracle.
  if (!company) throw new AppError("not_found", "No such company connection.");
  if (role === "admin" && company.role !== "admin") throw new AppError("forbidden", "Only the company's administrators may do this.");
  return { viewer, company };
}
