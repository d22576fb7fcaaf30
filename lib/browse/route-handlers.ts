import "server-only";

import { respond } from "@/lib/api/respond";
import { requireCompanyId } from "@/lib/api/tenant";
import { sessionMayRead } from "@/lib/auth/server-sessions";
import { readSession } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { msg } from "@/lib/forms/message-ref";
import { todayInStockholm } from "@/lib/format";
import { getTranslator } from "@/lib/i18n/server";
import { parseUuid } from "@/lib/input/params";

import type { ListResource } from "./list-view";
import { browseEndpoints, isListResource, type BrowseContext, type CountedPage } from "./resources";

type Context<P> = { params: Promise<P> };

async function browseContext(rawConnectionId: string): Promise<BrowseContext> {
  // Authorise first: a malformed or another tenant's connection id is a 404, exactly like an unknown one.
  const { connectionId } = await requireCompanyId(rawConnectionId);
  return { db: await getDb(), connectionId, today: todayInStockholm() };
}

/*
 * A list view is the portal's most frequent request. Its fast way is one statement: the page's query
 * carrying the guard's conditions (sessionMayRead), so it returns rows only to a session that may
 * read them, and looks at none otherwise. Any other outcome (no session cookie, no rows, an error)
 * takes the guard's way, which answers 401/404 exactly as before or confirms an empty list. Two
 * statements in turn (session, then page) were most of what a view waited for beyond the
 * framework's own work (README, bench:ui).
 */
async function gatedList(resource: ListResource, rawConnectionId: string, search: URLSearchParams): Promise<CountedPage<unknown> | null> {
  const ids = await readSession();
  const connectionId = parseUuid(rawConnectionId);
  if (!ids || !connectionId) return null;
  const db = await getDb();
  const gate = sessionMayRead(ids, connectionId);
  if (!gate) return null;
  // A failure here is answered by the guard's way (which fails the same after authorising), never before it.
  const page = await browseEndpoints[resource].list({ db, connectionId, today: todayInStockholm(), gate }, search).catch(() => null);
  return page && page.rows.length > 0 ? page : null;
}

/**
 * GET handler for one list as JSON (`{ data: { rows, next, prev, count } }`), same URL params as
 * the page and the same query: `count` is the page's "1–25 av 2 500" (`exact: false` marks an estimate).
 */
export function listRoute(resource: ListResource) {
  return (request: Request, { params }: Context<{ connectionId: string }>) =>
    respond(async () => {
      const { connectionId } = await params;
      const search = new URL(request.url).searchParams;
      const page = (await gatedList(resource, connectionId, search)) ?? (await browseEndpoints[resource].list(await browseContext(connectionId), search));
      return Response.json({ data: page }, { headers: { "Cache-Control": "private, no-store" } });
    });
}

/** Wraps text chunks (the first ones already read) as a byte stream that pulls one batch at a time. */
function toStream(first: string[], chunks: AsyncGenerator<string, void>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of first) controller.enqueue(encoder.encode(chunk));
    },
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

/**
 * A CSV download streamed from `chunks`. The first two batches are read before answering, so a
 * failure in the first query is still an error status rather than a 200 cut off mid-file.
 */
export async function csvDownload(chunks: AsyncGenerator<string, void>, filename: string): Promise<Response> {
  const first: string[] = [];
  for (let i = 0; i < 2; i++) {
    const next = await chunks.next();
    if (next.done) break;
    first.push(next.value);
  }
  return new Response(toStream(first, chunks), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/**
 * GET handler streaming a filtered list as CSV, fetched in keyset batches (never all rows at once).
 * Everything that can be refused is refused before the first byte: the company, the list, every
 * parameter (an export never quietly holds other rows than asked for: 422 naming the parameter),
 * and the first batch's query. Only then does the 200 start.
 */
export function exportRoute() {
  return (request: Request, { params }: Context<{ connectionId: string; resource: string }>) =>
    respond(async () => {
      const { connectionId, resource } = await params;
      const ctx = await browseContext(connectionId);
      if (!isListResource(resource)) throw new AppError("not_found", "write.error.not_found");
      const search = new URL(request.url).searchParams;
      const endpoint = browseEndpoints[resource];
      const problems = endpoint.problems(search);
      if (problems.length > 0) {
        throw new AppError("invalid_input", "list.export.invalid", Object.fromEntries(problems.map((p) => [p, [msg("list.export.invalidParam", { param: p })]])));
      }
      const { t, locale } = await getTranslator();
      return csvDownload(endpoint.csv(ctx, search, { t, locale }), `${resource}-${ctx.today}.csv`);
    });
}
