import type { NextRequest } from "next/server";

import { respond } from "@/lib/api/respond";
import { requireCompany } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { searchCustomersForLookup } from "@/lib/db/queries/write-lookups";

export const dynamic = "force-dynamic";

/** Customer lookup for the invoice form's picker: `?q=` by number, organisation number or name, from synced customers. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ connectionId: string }> }) {
  return respond(async () => {
    const { connectionId } = await params;
    await requireCompany(connectionId);
    const q = (request.nextUrl.searchParams.get("q") ?? "").slice(0, 100);
    const data = await searchCustomersForLookup(await getDb(), connectionId, q);
    return Response.json({ data }, { headers: { "cache-control": "private, no-store" } });
  });
}
