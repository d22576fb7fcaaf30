export async function register() {
  // Node runtime only: the database and job workers cannot run on the edge runtime, and
  // `next build` never calls register(), so the data directory is untouched at build time.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { boot } = await import("./lib/boot");
    await boot();
  }
}
