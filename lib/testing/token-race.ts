/**
 * A second (and third) process for the refresh race tests: N concurrent getAccessToken calls on
 * one grant (a connection, or with RACE_IDENTITY_ID a person's own grant), released at the same
 * instant as the other process. Prints a JSON summary.
 * Run with `tsx --conditions=react-server` so `server-only` resolves to its empty module.
 */
import { createIdentityGrants } from "@/lib/connections/identity-grants";
import { openDatabase } from "@/lib/db/client";
import { createTokenManager } from "@/lib/fortnox/token-manager";

import { testKeyRing } from "./connect";

const e = process.env;
const handle = await openDatabase({ driver: "pg", url: e.RACE_DB_URL!, poolSize: 30 });
const offset = Number(e.RACE_CLOCK_OFFSET_MS ?? 0);
const deps = {
  db: handle.db,
  keyRing: testKeyRing(),
  oauth: { tokenUrl: `${e.RACE_SANDBOX_URL}/oauth-v1/token`, revokeUrl: `${e.RACE_SANDBOX_URL}/oauth-v1/revoke`, clientId: e.RACE_CLIENT_ID!, clientSecret: e.RACE_CLIENT_SECRET! },
  now: () => new Date(Date.now() + offset),
};
const source = e.RACE_IDENTITY_ID ? createIdentityGrants(deps) : createTokenManager(deps);
const id = e.RACE_IDENTITY_ID ?? e.RACE_CONNECTION_ID!;
await new Promise((r) => setTimeout(r, Math.max(0, Number(e.RACE_START_AT) - Date.now())));
const results = await Promise.allSettled(Array.from({ length: Number(e.RACE_CALLS ?? 25) }, () => source.getAccessToken(id)));
const tokens = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
const errors = results.flatMap((r) => (r.status === "rejected" ? [String((r.reason as Error).message)] : []));
process.stdout.write(JSON.stringify({ tokens: [...new Set(tokens)], ok: tokens.length, errors }) + "\n");
await handle.close();
