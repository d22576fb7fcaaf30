import { randomBytes } from "node:crypto";

import { z } from "zod";

import type { Sandbox } from "../core/context";

import { describeApp } from "./apps";
import { ControlError, parse, type ControlRoute } from "./control-kit";
import { appStats } from "./stats";
import { appInfo, portalOf, type Developer } from "./store";

/**
 * Developer accounts. Fortnox's registration form asks for name, e-mail and company and requires
 * agreeing to its change policy (docs/fortnox.md#developer-portal-and-app-market).
 */

const devInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    email: z.string().trim().toLowerCase().max(200).pipe(z.email()),
    company: z.string().trim().min(1).max(100),
    acceptChangePolicy: z.literal(true, { error: "must be agreed to" }),
  })
  .strict();
const devPatch = z.object({ name: z.string().trim().min(1).max(100), company: z.string().trim().min(1).max(100) }).partial().strict();

export function getDeveloper(sb: Sandbox, id: string | undefined | null): Developer {
  const dev = portalOf(sb.state).developers.get(id ?? "");
  if (!dev) throw new ControlError(404, `No developer ${id ?? ""}`, `Ingen utvecklare ${id ?? ""}`);
  return dev;
}

export function appsOf(sb: Sandbox, developerId: string) {
  return [...sb.state.apps.values()].filter((a) => appInfo(sb.state, a.clientId).developerId === developerId);
}

export function databasesOf(sb: Sandbox, developerId: string | null) {
  const owners = portalOf(sb.state).databaseOwners;
  return [...sb.state.databases.values()].filter((d) => (owners.get(d.tenantId) ?? null) === developerId);
}

export const developerRoutes: ControlRoute[] = [
  {
    method: "GET",
    pattern: "/developer/api/developers",
    handler: (sb, _p, _b, url) => {
      const email = url.searchParams.get("email")?.trim().toLowerCase();
      const all = [...portalOf(sb.state).developers.values()];
      return { status: 200, body: email ? all.filter((d) => d.email === email) : all };
    },
  },
  {
    method: "POST",
    pattern: "/developer/api/developers",
    handler: (sb, _p, body) => {
      const input = parse(devInput, body);
      const devs = portalOf(sb.state).developers;
      if ([...devs.values()].some((d) => d.email === input.email)) throw new ControlError(409, `A developer with the e-mail ${input.email} is already registered`, `Det finns redan en utvecklare med e-postadressen ${input.email}`);
      const now = sb.clock.now().toISOString();
      const dev: Developer = { id: `dev_${randomBytes(9).toString("base64url")}`, name: input.name, email: input.email, company: input.company, acceptedChangePolicyAt: now, createdAt: now };
      devs.set(dev.id, dev);
      sb.state.touch();
      return { status: 201, body: dev };
    },
  },
  {
    method: "GET",
    pattern: "/developer/api/developers/:id",
    handler: (sb, p) => {
      const dev = getDeveloper(sb, p.id);
      return { status: 200, body: { ...dev, apps: appsOf(sb, dev.id).map((a) => describeApp(sb, a)), databases: databasesOf(sb, dev.id).map((d) => d.tenantId) } };
    },
  },
  {
    method: "PATCH",
    pattern: "/developer/api/developers/:id",
    handler: (sb, p, body) => {
      const dev = getDeveloper(sb, p.id);
      Object.assign(dev, parse(devPatch, body));
      sb.state.touch();
      return { status: 200, body: dev };
    },
  },
  {
    method: "DELETE",
    pattern: "/developer/api/developers/:id",
    handler: (sb, p) => {
      const dev = getDeveloper(sb, p.id);
      if (appsOf(sb, dev.id).length > 0 || databasesOf(sb, dev.id).length > 0) throw new ControlError(409, "Delete the developer's apps and test databases first", "Radera utvecklarens appar och testdatabaser först");
      portalOf(sb.state).developers.delete(dev.id);
      sb.state.touch();
      return { status: 204 };
    },
  },
  {
    method: "GET",
    pattern: "/developer/api/developers/:id/stats",
    handler: (sb, p) => ({ status: 200, body: appsOf(sb, getDeveloper(sb, p.id).id).map((a) => ({ name: a.name, ...appStats(sb, a.clientId) })) }),
  },
];
