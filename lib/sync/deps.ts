import "server-only";

import { getDb } from "@/lib/db/client";
import { getFortnoxApi } from "@/lib/fortnox/api";

import type { EngineDeps } from "./context";

/** The engine as production wires it: the process's database and Fortnox client. */
export async function getEngineDeps(): Promise<EngineDeps> {
  return { db: await getDb(), apiFor: getFortnoxApi };
}
