import type { NextRequest } from "next/server";

import { respond } from "@/lib/api/respond";
import { requireCompanyId } from "@/lib/api/tenant";
import { getDb } from "@/lib/db/client";
import { searchArticlesForLookup } from "@/lib/db/queries/write-lookups";

export const dynamic = "force-dynamic";

/** Article lookup for the invoice rows editor: `?q=` by number prefix or description, from synced articles. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ connectionId: string }> }) {
  return respond(async () => {
    const { connectionId } = await requireCompanyId((await params).connectionId);
    // Bounded and cleaned in the query (searchText): a NUL or a megabyte of text finds nothing, no 500.
    const q = request.nextUrl.searchParams.get("q") ?? "";
    const data = await searchArticlesForLookup(await getDb(), connectionId, q);
    return Response.json({ data }, { headers: { "cache-control": "private, no-store" } });
  });
}
