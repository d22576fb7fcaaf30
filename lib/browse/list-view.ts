import { listQueryParams, type ListQuery, type ListSpec } from "@/lib/db/queries/list-params";

import { listHref } from "./url";

export type ListResource = "invoices" | "customers" | "articles";

/**
 * What a list page links with: `params` reproduce the view (pager, export), `unsorted` are the same
 * without sort and direction (column headers set their own).
 */
export function listView<S extends string, F extends object>(spec: ListSpec<S, F>, query: ListQuery<S, F>, resource: ListResource, connectionId: string) {
  const params = listQueryParams(spec, query);
  const { sort: _sort, dir: _dir, ...unsorted } = params;
  return {
    params,
    unsorted,
    exportHref: listHref(`/api/connections/${encodeURIComponent(connectionId)}/export/${resource}`, params),
  };
}
