import type { NextRequest } from "next/server";

import { respond } from "@/lib/api/respond";
import { requireCompany } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { searchArticlesForLookup } from "@/lib/db/queries/write-lookups";

export const dynamic = "force-dynamic";

/** Article lookup for the invoice rows editor: `?q=` by number prefix or description, from synced articles. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ connectionId: string }> }) {
  return respond(async () => {
    const { connectionId } = await params;
    await requireCompany(connectionId);
    const q = (request.nextUrl.searchParams.get("q") ?? "").slice(0, 100);
    const data = await searchArticlesForLookup(await getDb(), connectionId, q);
    return Response.json({ data }, { headers: { "cache-control": "private, no-store" } });
  });
}
