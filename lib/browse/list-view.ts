import { listQueryParams, listQueryProblems, toParamRecord, type ListQuery, type ListSpec, type SearchParamsInput } from "@/lib/db/queries/list-params";

import { listHref } from "./url";

export type ListResource = "invoices" | "customers" | "articles";

/**
 * What a list page links with: `params` reproduce the view (pager, export), `unsorted` are the same
 * without sort and direction (column headers set their own); `ignored`, the URL's values the list
 * could not use, as the URL gave them.
 */
export function listView<S extends string, F extends object>(spec: ListSpec<S, F>, query: ListQuery<S, F>, resource: ListResource, connectionId: string, input: SearchParamsInput) {
  const params = listQueryParams(spec, query);
  const { sort: _sort, dir: _dir, ...unsorted } = params;
  const given = toParamRecord(input);
  return {
    params,
    unsorted,
    ignored: listQueryProblems(spec, input, query).map((key) => ({ key, value: given[key]! })),
    exportHref: listHref(`/api/connections/${encodeURIComponent(connectionId)}/export/${resource}`, params),
  };
}
