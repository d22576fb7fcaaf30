import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` is used (it needs no database). Migrations are applied by
// lib/db/migrate.ts at boot and by `npm run db:migrate`, which honour the PGlite lock.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
});
