import "server-only";

import type { PgBoss } from "pg-boss";

import { getTokenManager } from "@/lib/fortnox/tokens";
import { logger } from "@/lib/log";

import { QUEUES } from "./queues";

/**
 * Registers every worker and schedule. Runs inside the app process (always, and the only option
 * on PGlite) and in `npm run worker` processes on PostgreSQL.
 */
export async function registerWorkers(boss: PgBoss): Promise<void> {
  await boss.createQueue(QUEUES.tokenKeepAlive, { policy: "singleton" });
  // Daily, at night Swedish time: refresh connections idle for 30 days so none reaches Fortnox's 45-day expiry.
  await boss.schedule(QUEUES.tokenKeepAlive, "15 3 * * *", {}, { tz: "Europe/Stockholm" });
  await boss.work(QUEUES.tokenKeepAlive, async () => {
    const result = await (await getTokenManager()).keepAlive();
    logger.info("token keep-alive done", result);
    return result;
  });
}
