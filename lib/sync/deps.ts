import "server-only";

import { getDatabase } from "@/lib/db/client";
import { getFortnoxApi } from "@/lib/fortnox/api";

import { processOwner } from "./claim";
import type { EngineDeps } from "./context";

/**
 * The engine as production wires it: the process's database and Fortnox client, this process as
 * the runs' owner, and on PGlite (one process per data directory) every other owner known dead.
 */
export async function getEngineDeps(): Promise<EngineDeps> {
  const handle = await getDatabase();
  return { db: handle.db, apiFor: getFortnoxApi, owner: processOwner(), exclusive: handle.driver === "pglite" };
}
