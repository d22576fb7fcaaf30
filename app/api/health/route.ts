import { NextResponse } from "next/server";

import { checkDatabase } from "@/lib/db/health";
import { logger } from "@/lib/log";

export const dynamic = "force-dynamic";

/** Liveness + readiness: answers 200 only when the database round-trips (Playwright waits on it). */
export async function GET() {
  try {
    const database = await checkDatabase();
    return NextResponse.json({ data: { status: "ok", database } });
  } catch (error) {
    logger.error("health check failed", { error });
    return NextResponse.json(
      { error: { code: "unavailable", message: "The database is not reachable." } },
      { status: 503 },
    );
  }
}
