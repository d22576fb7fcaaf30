import Link from "next/link";

/*
 * bench:ui's framework floor: a dynamic route that renders 25 invoice rows from memory, with no
 * session and no database, inside the portal's root layout. It exists only in bench builds
 * (next.config.js adds the `.bench.tsx` page extension when BRYGGA_BENCH_BUILD=1), so a deployed
 * portal never serves it. The portal's list pages are measured as a ratio to it.
 */
export const dynamic = "force-dynamic";

const money = new Intl.NumberFormat("sv-SE", { style: "currency", currency: "SEK" });
const ROWS = Array.from({ length: 25 }, (_, i) => ({
  number: 100_000 - i,
  customer: `Kund ${1000 + i} AB`,
  date: `2026-11-${String(1 + (i % 28)).padStart(2, "0")}`,
  total: 1250 + i * 137.5,
}));

export default async function BenchFloorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).page;
  const page = Math.max(1, Number(Array.isArray(raw) ? raw[0] : raw) || 1);
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="text-xl font-semibold">Bench floor, page {page}</h1>
      <table className="t-table">
        <thead>
          <tr>
            <th scope="col" className="t-th">Nr</th>
            <th scope="col" className="t-th">Kund</th>
            <th scope="col" className="t-th">Datum</th>
            <th scope="col" className="t-th">Belopp</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((r) => (
            <tr key={r.number}>
              <td className="t-td">{r.number + page}</td>
              <th scope="row" className="t-td">{r.customer}</th>
              <td className="t-td">{r.date}</td>
              <td className="t-td-num">{money.format(r.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Link href={`/bench-floor?page=${page + 1}`} prefetch={false} data-testid="bench-next">
        Nästa
      </Link>
    </main>
  );
}
