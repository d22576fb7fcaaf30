import "server-only";

import { respond } from "@/lib/api/respond";
import { requireCompany } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { todayInStockholm } from "@/lib/format";
import { getTranslator } from "@/lib/i18n/server";

import type { ListResource } from "./list-view";
import { browseEndpoints, isListResource, type BrowseContext } from "./resources";

type Context<P> = { params: Promise<P> };

async function browseContext(connectionId: string): Promise<BrowseContext> {
  // Authorise first: another tenant's connection id is a 404, exactly like an unknown one.
  await requireCompany(connectionId);
  return { db: await getDb(), connectionId, today: todayInStockholm() };
}

/** GET handler for one list as JSON (`{ data: { rows, next, prev } }`), same URL params as the page. */
export function listRoute(resource: ListResource) {
  return (request: Request, { params }: Context<{ connectionId: string }>) =>
    respond(async () => {
      const ctx = await browseContext((await params).connectionId);
      const page = await browseEndpoints[resource].list(ctx, new URL(request.url).searchParams);
      return Response.json({ data: page }, { headers: { "Cache-Control": "private, no-store" } });
    });
}

/** Wraps an async generator of text chunks as a byte stream that pulls one batch at a time. */
function toStream(chunks: AsyncGenerator<string, void>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/** GET handler streaming a filtered list as CSV, fetched in keyset batches (never all rows at once). */
export function exportRoute() {
  return (request: Request, { params }: Context<{ connectionId: string; resource: string }>) =>
    respond(async () => {
      const { connectionId, resource } = await params;
      const ctx = await browseContext(connectionId);
      if (!isListResource(resource)) throw new AppError("not_found", "No such list.");
      const { t, locale } = await getTranslator();
      const chunks = browseEndpoints[resource].csv(ctx, new URL(request.url).searchParams, { t, locale });
      return new Response(toStream(chunks), {
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="${resource}-${ctx.today}.csv"`,
          "Cache-Control": "private, no-store",
          "X-Content-Type-Options": "nosniff",
        },
      });
    });
}
