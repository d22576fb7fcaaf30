// ---------------------------------------------------------------------------------------------
// Database: a throwaway PostgreSQL database, or PGlite inside DATA_DIR.

import path from "node:path";

import { openDatabase, type DatabaseHandle } from "@/lib/db/client";

import { DATA_DIR, DB_NAME } from "./config";

export interface Target {
  driver: "pg" | "pglite";
  /** Passed to the portal (PostgreSQL only). */
  databaseUrl?: string;
  adminUrl?: string;
  open(): Promise<DatabaseHandle>;
}

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const { Client } = await import("pg");
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** Drop the throwaway database once our pool's sockets have gone (forcing only as a last resort). */
export async function dropDatabase(adminUrl: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await adminQuery(adminUrl, `drop database if exists ${DB_NAME}`);
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== "55006") throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await adminQuery(adminUrl, `drop database if exists ${DB_NAME} with (force)`);
}

export async function prepareTarget(): Promise<Target> {
  const adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
  if (!adminUrl) {
    const dir = path.join(DATA_DIR, "pglite");
    return { driver: "pglite", open: () => openDatabase({ driver: "pglite", dir }) };
  }
  await adminQuery(adminUrl, `drop database if exists ${DB_NAME} with (force)`);
  await adminQuery(adminUrl, `create database ${DB_NAME}`);
  const u = new URL(adminUrl);
  u.pathname = `/${DB_NAME}`;
  const databaseUrl = u.toString();
  return { driver: "pg", databaseUrl, adminUrl, open: () => openDatabase({ driver: "pg", url: databaseUrl, poolSize: 4 }) };
}
