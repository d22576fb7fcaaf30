// bench:ui builds into its own folder with one extra route, its framework floor (app/bench-floor).
const benchBuild = process.env.BRYGGA_BENCH_BUILD === "1";

/** @type {import('next').NextConfig} */
const nextConfig = {
  distDir: benchBuild ? ".next-bench" : ".next",
  pageExtensions: benchBuild ? ["tsx", "ts", "bench.tsx"] : ["tsx", "ts"],
  // PGlite ships WASM + data files and pg-boss loads SQL at run time: bundling either breaks them
  // (PGlite's files are looked up next to its module), so Node resolves them from node_modules instead.
  // `ws` breaks when bundled (its optional native helpers are probed at run time: websockets/ws#2288).
  // drizzle-orm, bundled, got a copy per server layer (instrumentation, pages, route handlers), so
  // the database handle one layer opened met query classes of another: its `is()` checks then fail
  // `instanceof` and walk prototype chains, on every column of every row. CPU profiles of the portal
  // serving the same list views put drizzle at 12 % of its busy time bundled, 9 % loaded once.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss", "pg", "ws", "drizzle-orm"],
  poweredByHeader: false,
  // Compression belongs to the TLS-terminating proxy every production deployment has in front
  // (AUTH_URL is https), which compresses once per response. Next's own gzip flushes after every
  // streamed chunk of a page, and bench:ui measured it with the socket writes it causes at a
  // quarter of a list view's server CPU. BRYGGA_COMPRESS=on turns it on where no proxy compresses.
  compress: process.env.BRYGGA_COMPRESS === "on",
  reactStrictMode: true,
  // `npm run typecheck` (tsc over the whole repo, sandbox included) is the type gate; the build
  // does not repeat it, so a build never fails on a file it does not even bundle.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
