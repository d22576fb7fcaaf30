import { randomBytes, randomUUID } from "node:crypto";

import { z } from "zod";

import type { Sandbox } from "../core/context";
import { MAX_DATABASES } from "../core/state";
import type { ResourceName, TestDatabase, Wire } from "../core/types";
import { defaultPredefinedAccounts, generateTestDatabase, resolveSeedSpec } from "../seed";

import { ControlError, parse, type ControlRoute } from "./control-kit";
import { databasesOf, getDeveloper } from "./developers";
import { forgetDatabase, portalOf } from "./store";

/** Test databases: create (seeded), reset to their seed, edit, delete; users; direct data edits. */

const seedInput = z.union([z.string(), z.object({ customers: z.number().int().min(0), articles: z.number().int().min(0), invoices: z.number().int().min(0), seed: z.number().int().optional() }).partial()]);
const dbInput = z
  .object({ name: z.string().trim().min(1).max(100).optional(), seed: seedInput.default("tiny"), licences: z.array(z.string()).optional(), locked: z.boolean().optional(), developerId: z.string().min(1).max(100).optional() })
  .strict();
const patchInput = z
  .object({ name: z.string().min(1).max(100).optional(), licences: z.array(z.string()).optional(), locked: z.boolean().optional(), predefinedAccounts: z.null().optional(), restorePredefinedAccounts: z.literal(true).optional() })
  .strict();

export function describeDb(sb: Sandbox, db: TestDatabase) {
  const portal = portalOf(sb.state);
  const credentials = portal.credentials.get(db.tenantId);
  return {
    tenantId: db.tenantId,
    developerId: portal.databaseOwners.get(db.tenantId) ?? null,
    // Fortnox sends the developer login details for the test company; the portal shows them.
    credentials: credentials ? { username: credentials.username, password: credentials.password } : null,
    companyName: db.company.CompanyName,
    organizationNumber: db.company.OrganizationNumber,
    licences: db.licences,
    locked: db.locked,
    predefinedAccounts: db.predefinedAccounts !== null,
    users: db.users,
    counts: { customers: db.customers.size, articles: db.articles.size, invoices: db.invoices.size },
  };
}

/** Readable, unambiguous characters for generated passwords. */
const PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const password = () => [...randomBytes(14)].map((b) => PASSWORD_ALPHABET[b % PASSWORD_ALPHABET.length]).join("");

export function createDatabase(sb: Sandbox, input: z.infer<typeof dbInput>): TestDatabase {
  const developer = input.developerId === undefined ? null : getDeveloper(sb, input.developerId);
  // Fortnox allows 30 at the same time per developer; databases made without one share a pool of 30,
  // except in test mode, where a test harness's own databases (every test its own company) are uncapped.
  const capped = developer !== null || !sb.testMode;
  if (capped && databasesOf(sb, developer?.id ?? null).length >= MAX_DATABASES) throw new ControlError(409, `A developer may have at most ${MAX_DATABASES} test databases, as in Fortnox`, `En utvecklare kan ha högst ${MAX_DATABASES} testdatabaser samtidigt, som i Fortnox`);
  let spec;
  try {
    spec = resolveSeedSpec(input.seed);
  } catch (e) {
    throw new ControlError(400, `seed: ${(e as Error).message}`);
  }
  const db = generateTestDatabase({ tenantId: sb.state.nextTenantId++, name: input.name, seed: spec, now: sb.clock.now() });
  if (input.licences) db.licences = input.licences;
  if (input.locked !== undefined) db.locked = input.locked;
  if (developer) {
    // The test company's user is created with the developer's e-mail, first so consent offers it first.
    const user = { id: randomUUID().slice(0, 8), name: developer.name, email: developer.email, sysAdmin: true, locale: "sv_SE" as const };
    db.users.unshift(user);
    const portal = portalOf(sb.state);
    portal.databaseOwners.set(db.tenantId, developer.id);
    portal.credentials.set(db.tenantId, { username: developer.email, password: password(), userId: user.id });
  }
  sb.state.databases.set(db.tenantId, db);
  sb.state.touch();
  return db;
}

function getDb(sb: Sandbox, id: string | undefined): TestDatabase {
  const db = sb.state.databases.get(Number(id));
  if (!db) throw new ControlError(404, `No test database ${id ?? ""}`, `Ingen testdatabas ${id ?? ""}`);
  return db;
}

const userPatch = z.object({ name: z.string().min(1).max(100).optional(), email: z.string().email().optional(), sysAdmin: z.boolean().optional(), active: z.boolean().optional() }).strict();

function getUser(db: TestDatabase, id: string | undefined) {
  const user = db.users.find((u) => u.id === id);
  if (!user) throw new ControlError(404, `No user ${id ?? ""} in test database ${db.tenantId}`);
  return user;
}

const RESOURCES: readonly ResourceName[] = ["customers", "articles", "invoices"];

function records(db: TestDatabase, resource: string | undefined): { map: TestDatabase[ResourceName]; topic: ResourceName; singular: string } {
  const topic = RESOURCES.find((r) => r === resource);
  if (!topic) throw new ControlError(400, "resource must be customers, articles or invoices");
  return { map: db[topic], topic, singular: topic.slice(0, -1) };
}

function emit(sb: Sandbox, db: TestDatabase, topic: ResourceName, type: string, entityId: string) {
  const stored = sb.state.recordEvent({ topic, type, tenantId: db.tenantId, entityId, timestamp: sb.clock.now() });
  for (const l of sb.onEvent) l(stored);
}

export const databaseRoutes: ControlRoute[] = [
  {
    method: "GET",
    pattern: "/developer/api/databases",
    handler: (sb, _p, _b, url) => {
      const dev = url.searchParams.get("developerId");
      const dbs = dev === null ? [...sb.state.databases.values()] : databasesOf(sb, dev || null);
      return { status: 200, body: dbs.map((d) => describeDb(sb, d)) };
    },
  },
  { method: "POST", pattern: "/developer/api/databases", handler: (sb, _p, body) => ({ status: 201, body: describeDb(sb, createDatabase(sb, parse(dbInput, body))) }) },
  { method: "GET", pattern: "/developer/api/databases/:tenantId", handler: (sb, p) => ({ status: 200, body: describeDb(sb, getDb(sb, p.tenantId)) }) },
  {
    // Every record of one resource, as stored: what a client's synced copy is checked against.
    method: "GET",
    pattern: "/developer/api/databases/:tenantId/records/:resource",
    handler: (sb, p) => {
      const { map } = records(getDb(sb, p.tenantId), p.resource);
      return { status: 200, body: [...map.entries()].map(([id, rec]) => ({ id, data: rec.data, lastModified: rec.lastModified.toISOString() })) };
    },
  },
  {
    method: "PATCH",
    pattern: "/developer/api/databases/:tenantId",
    handler: (sb, p, body) => {
      const db = getDb(sb, p.tenantId);
      const input = parse(patchInput, body);
      if (input.name) db.company.CompanyName = input.name;
      if (input.licences) db.licences = input.licences;
      if (input.locked !== undefined) db.locked = input.locked;
      if (input.predefinedAccounts === null) db.predefinedAccounts = null;
      if (input.restorePredefinedAccounts) db.predefinedAccounts = defaultPredefinedAccounts();
      sb.state.touch();
      return { status: 200, body: describeDb(sb, db) };
    },
  },
  {
    method: "DELETE",
    pattern: "/developer/api/databases/:tenantId",
    handler: (sb, p) => {
      const db = getDb(sb, p.tenantId);
      sb.state.databases.delete(db.tenantId);
      forgetDatabase(sb.state, db.tenantId, sb.clock.now().toISOString());
      sb.state.touch();
      return { status: 204 };
    },
  },
  {
    method: "POST",
    pattern: "/developer/api/databases/:tenantId/reset",
    handler: (sb, p) => {
      const old = getDb(sb, p.tenantId);
      const fresh = generateTestDatabase({ tenantId: old.tenantId, name: old.company.CompanyName, seed: old.seed, now: sb.clock.now() });
      fresh.users = old.users;
      fresh.licences = old.licences;
      sb.state.databases.set(old.tenantId, fresh);
      sb.state.touch();
      return { status: 200, body: describeDb(sb, fresh) };
    },
  },
  {
    method: "POST",
    pattern: "/developer/api/databases/:tenantId/users",
    handler: (sb, p, body) => {
      const db = getDb(sb, p.tenantId);
      const input = parse(z.object({ name: z.string().trim().min(1).max(100), email: z.string().trim().max(200).pipe(z.email()), sysAdmin: z.boolean().default(false), locale: z.enum(["sv_SE", "en_US"]).default("sv_SE") }).strict(), body);
      const user = { id: randomUUID().slice(0, 8), ...input };
      db.users.push(user);
      sb.state.touch();
      return { status: 201, body: user };
    },
  },
  {
    // What a company's SysAdmin does under Inställningar → Användare: rename, change e-mail, grant or
    // drop SysAdmin, deactivate. /3/me reflects it at once; deactivation ends the user's grants.
    method: "PATCH",
    pattern: "/developer/api/databases/:tenantId/users/:userId",
    handler: (sb, p, body) => {
      const user = getUser(getDb(sb, p.tenantId), p.userId);
      const input = parse(userPatch, body);
      Object.assign(user, input);
      sb.state.touch();
      return { status: 200, body: user };
    },
  },
  {
    method: "DELETE",
    pattern: "/developer/api/databases/:tenantId/users/:userId",
    handler: (sb, p) => {
      const db = getDb(sb, p.tenantId);
      const user = getUser(db, p.userId);
      db.users = db.users.filter((u) => u !== user);
      sb.state.touch();
      return { status: 204 };
    },
  },
  {
    method: "PATCH",
    pattern: "/developer/api/databases/:tenantId/records/:resource/:id",
    handler: (sb, p, body) => {
      const db = getDb(sb, p.tenantId);
      const { map, topic, singular } = records(db, p.resource);
      const rec = map.get(p.id!);
      if (!rec) throw new ControlError(404, `No ${singular} ${p.id}`);
      rec.data = { ...rec.data, ...(parse(z.record(z.string(), z.unknown()), body) as Wire) };
      rec.lastModified = sb.clock.now();
      emit(sb, db, topic, `${singular}-updated-v1`, p.id!);
      sb.state.touch();
      return { status: 200, body: rec.data };
    },
  },
  {
    method: "DELETE",
    pattern: "/developer/api/databases/:tenantId/records/:resource/:id",
    handler: (sb, p) => {
      const db = getDb(sb, p.tenantId);
      const { map, topic, singular } = records(db, p.resource);
      if (!map.delete(p.id!)) throw new ControlError(404, `No ${singular} ${p.id}`);
      emit(sb, db, topic, `${singular}-deleted-v1`, p.id!);
      sb.state.touch();
      return { status: 204 };
    },
  },
  {
    method: "POST",
    pattern: "/developer/api/databases/:tenantId/touch",
    handler: (sb, p, body) => {
      const db = getDb(sb, p.tenantId);
      const input = parse(z.object({ resource: z.enum(["customers", "articles", "invoices"]), count: z.number().int().min(1) }).strict(), body);
      const { map, topic, singular } = records(db, input.resource);
      // Deterministic: every k-th record, so repeated runs touch the same ones.
      const keys = [...map.keys()];
      const step = Math.max(1, Math.floor(keys.length / input.count));
      const touched = keys.filter((_, i) => i % step === 0).slice(0, input.count);
      const now = sb.clock.now();
      for (const id of touched) {
        const rec = map.get(id)!;
        // A visible, schema-valid change: customers and invoices have Comments, articles Note.
        rec.data = { ...rec.data, [input.resource === "articles" ? "Note" : "Comments"]: `Ändrad ${now.toISOString()}` };
        rec.lastModified = now;
        emit(sb, db, topic, `${singular}-updated-v1`, id);
      }
      sb.state.touch();
      return { status: 200, body: { touched } };
    },
  },
];
