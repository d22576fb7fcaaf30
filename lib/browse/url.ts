/** A list URL: path plus params, dropping empty values, so links and forms produce the same URLs. */
export function listHref(path: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * A route param as the user typed it. Next may hand over a param still percent-encoded (non-ASCII
 * numbers); decoding twice must not throw on a literal "%", so undecodable input is kept as is.
 */
export function routeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
