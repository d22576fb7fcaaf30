import type { Database } from "@/lib/db/client";

import type { FortnoxApi } from "../client";

/**
 * What a write needs: the database to store Fortnox's answer in, and the Fortnox API of the
 * connection. The caller has already authorised the viewer for `connectionId`.
 */
export interface WriteContext {
  db: Database;
  api: FortnoxApi;
  connectionId: string;
}
