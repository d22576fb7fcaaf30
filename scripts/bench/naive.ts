/**
 * The naive baseline the benchmark compares against: what a hand-rolled integration does. One
 * request at a time, Fortnox's default page size (no `limit`), every invoice fetched in full on
 * every sync (no cursor), and on a 429 it sleeps for Retry-After (a full window without one). It
 * stores nothing, which only flatters it.
 */
export interface NaiveResult {
  requests: number;
  rateLimited: number;
  ms: number;
}

export async function naiveSync(apiUrl: string, token: () => Promise<string>, windowMs: number): Promise<NaiveResult> {
  const result: NaiveResult = { requests: 0, rateLimited: 0, ms: 0 };
  const started = performance.now();
  async function get(path: string): Promise<Record<string, unknown>> {
    for (;;) {
      result.requests++;
      const res = await fetch(`${apiUrl}${path}`, { headers: { authorization: `Bearer ${await token()}`, accept: "application/json" } });
      if (res.status === 429) {
        result.rateLimited++;
        await res.text();
        const after = Number(res.headers.get("retry-after"));
        await new Promise((r) => setTimeout(r, Number.isFinite(after) && after > 0 ? after * 1000 : windowMs));
        continue;
      }
      if (!res.ok) throw new Error(`naive: ${path} → ${res.status}`);
      return (await res.json()) as Record<string, unknown>;
    }
  }
  async function listAll(resource: string, key: string): Promise<Record<string, unknown>[]> {
    const all: Record<string, unknown>[] = [];
    for (let page = 1; ; page++) {
      const body = await get(`/3/${resource}?page=${page}`);
      all.push(...(body[key] as Record<string, unknown>[]));
      const meta = body.MetaInformation as Record<string, number> | undefined;
      if (!meta || page >= meta["@TotalPages"]!) return all;
    }
  }
  await listAll("customers", "Customers");
  await listAll("articles", "Articles");
  for (const inv of await listAll("invoices", "Invoices")) await get(`/3/invoices/${String(inv.DocumentNumber)}`);
  result.ms = performance.now() - started;
  return result;
}
