/** A list URL: path plus params, dropping empty values, so links and forms produce the same URLs. */
export function listHref(path: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/** A page's searchParams (as Next.js hands them to a page) as one query string. */
export function searchOf(raw: Record<string, string | string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) search.append(key, v);
  return search.toString();
}

/**
 * Whether two query strings ask for the same thing: the same values per name, in the same order
 * within a name, whatever the order of the names (Next.js groups a repeated name's values; a
 * browser keeps the URL's order).
 */
export function sameSearch(a: string, b: string): boolean {
  if (a === b) return true;
  const grouped = (s: string) => {
    const byName = new Map<string, string[]>();
    for (const [k, v] of new URLSearchParams(s)) byName.set(k, [...(byName.get(k) ?? []), v]);
    return JSON.stringify([...byName].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
  };
  return grouped(a) === grouped(b);
}
