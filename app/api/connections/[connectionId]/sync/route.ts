import { respond } from "@/lib/api/respond";
import { requireCompanyId } from "@/lib/api/tenant";
import { getDb } from "@/lib/db/client";
import { getSyncStatus } from "@/lib/sync/status";

export const dynamic = "force-dynamic";

/** The connection's sync status, polled by the status card (every second while a run is open). */
export async function GET(_request: Request, { params }: { params: Promise<{ connectionId: string }> }) {
  return respond(async () => {
    const { connectionId } = await requireCompanyId((await params).connectionId);
    const data = await getSyncStatus(await getDb(), connectionId);
    return Response.json({ data }, { headers: { "cache-control": "private, no-store" } });
  });
}
