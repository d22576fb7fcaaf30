import Link from "next/link";
import type { ReactNode } from "react";

import type { ListResource } from "@/lib/browse/list-view";
import { getTranslator } from "@/lib/i18n/server";
import { buttonPrimary } from "@/components/ui/styles";

import type { Translate } from "./list-header";
import { ListFilters, type FilterFieldSpec, type ListSortSpec } from "./list-filters";

/**
 * A list's title, its "new" action and its search form, for the list's `(list)` layout. A view of
 * another page, sort or filter changes only the URL's search params, for which Next.js re-renders
 * the page segment alone: none of this is rendered or sent again (components/browse/list-filters.tsx).
 */
export async function ListLayout({ resource, sort, fields, children }: { resource: ListResource; sort: { sorts: readonly string[]; defaultSort: string; defaultDir: "asc" | "desc" }; fields: (t: Translate) => FilterFieldSpec[]; children: ReactNode }) {
  const { t } = await getTranslator();
  // Plain data for the client form: the list spec's zod schema stays on the server.
  const sortSpec: ListSortSpec = { sorts: [...sort.sorts], defaultSort: sort.defaultSort, defaultDir: sort.defaultDir };
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{t(`${resource}.title`)}</h1>
        <Link href={`/${resource}/new`} className={buttonPrimary}>
          {t(`${resource}.new`)}
        </Link>
      </div>
      <ListFilters
        action={`/${resource}`}
        label={t("list.filters")}
        sort={sortSpec}
        footer={{ pageSize: t("list.pageSize"), apply: t("list.apply"), reset: t("list.reset") }}
        fields={fields(t)}
      />
      {children}
    </div>
  );
}
