import { and, asc, eq } from "drizzle-orm";

import type { Database } from "../client";
import { connections, memberships, tenants, type ConnectionStatus, type Role } from "../schema";

export interface UserCompany {
  tenantId: string;
  fortnoxTenantId: number;
  name: string;
  organisationNumber: string;
  role: Role;
  connectionId: string;
  connectionStatus: ConnectionStatus;
  environment: "production" | "test";
  scopes: string[];
  serviceAccount: boolean;
}

/** A company's columns as UserCompany names them (also read with the session: lib/auth/server-sessions.ts). */
export const companyColumns = {
  tenantId: tenants.id,
  fortnoxTenantId: tenants.fortnoxTenantId,
  name: tenants.name,
  organisationNumber: tenants.organisationNumber,
  role: memberships.role,
  connectionId: connections.id,
  connectionStatus: connections.status,
  environment: connections.environment,
  scopes: connections.scopes,
  serviceAccount: connections.serviceAccount,
};

/** The companies a user is a member of, with their connection (tenant-scoped by construction). */
export async function listUserCompanies(db: Database, userId: string): Promise<UserCompany[]> {
  return db
    .select(companyColumns)
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .innerJoin(connections, eq(connections.tenantId, tenants.id))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(tenants.name));
}

/** One company of the user's by connection id, or null if the user may not see it. */
export async function getUserCompany(db: Database, userId: string, connectionId: string): Promise<UserCompany | null> {
  const all = await listUserCompanies(db, userId);
  return all.find((c) => c.connectionId === connectionId) ?? null;
}

export async function getMembershipRole(db: Database, userId: string, tenantId: string): Promise<Role | null> {
  const [m] = await db.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId)));
  return m?.role ?? null;
}
