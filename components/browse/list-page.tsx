import "server-only";

import { requireViewerPage } from "@/lib/auth/guards";
import type { ListResource } from "@/lib/browse/list-view";
import { browseEndpoints } from "@/lib/browse/resources";
import { searchOf } from "@/lib/browse/url";
import { getDb } from "@/lib/db/client";
import { todayInStockholm } from "@/lib/format";
import { getClientMessages } from "@/lib/i18n/server";

import { ListResults } from "./list-results";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * A list route's page: the viewer's company, the page of rows its URL asks for (the query the JSON
 * list runs: lib/browse/resources.ts) and the messages the client needs to draw later pages.
 */
export async function ListPage({ resource, searchParams }: { resource: ListResource; searchParams: SearchParams }) {
  const { active } = await requireViewerPage();
  const raw = await searchParams;
  const today = todayInStockholm();
  const page = await browseEndpoints[resource].list({ db: await getDb(), connectionId: active.connectionId, today }, raw);
  const { locale, messages } = await getClientMessages(["list.", `${resource}.`, "common."]);
  return <ListResults resource={resource} connectionId={active.connectionId} initial={{ search: searchOf(raw), page, today }} messages={messages} locale={locale} />;
}
