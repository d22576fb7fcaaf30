/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM + data files and pg-boss loads SQL at run time: bundling either breaks them
  // (see shared/docs/stack-notes.md §3), so Node resolves them from node_modules instead.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss", "pg"],
  poweredByHeader: false,
  reactStrictMode: true,
  // The sandbox is a separate system that the portal never imports; keep it out of the build's typecheck scope too.
  typescript: { tsconfigPath: "tsconfig.json" },
};

export default nextConfig;
