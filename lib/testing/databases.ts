import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { migrateDatabase, MIGRATIONS_FOLDER } from "@/lib/db/migrate";

/**
 * The databases integration tests run on: an in-memory PGlite always, and a real PostgreSQL too
 * when TEST_DATABASE_URL (or DATABASE_URL) is set. Each PostgreSQL test gets a fresh database,
 * created from that URL and dropped afterwards, so runs never see each other's rows.
 */

export interface TestDatabase {
  name: "pglite" | "pg";
  /** Set for PostgreSQL: the URL of the fresh database (for child processes). */
  url?: string;
  handle: DatabaseHandle;
  dispose(): Promise<void>;
}

export interface TestDatabaseFactory {
  name: "pglite" | "pg";
  create(): Promise<TestDatabase>;
}

const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;

async function createPostgres(): Promise<TestDatabase> {
  const { Client } = await import("pg");
  const name = `brygga_t_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ driver: "pg", url: url.toString(), poolSize: 20 });
  await migrateDatabase(handle);
  return {
    name: "pg",
    url: url.toString(),
    handle,
    async dispose() {
      await handle.close();
      const cleanup = new Client({ connectionString: adminUrl });
      await cleanup.connect();
      // pool.end() resolves while its sockets are still closing; a forced drop would kill them
      // mid-close and surface as an unhandled error, so wait for them to go first.
      for (let attempt = 0; ; attempt++) {
        try {
          await cleanup.query(`drop database if exists ${name}`);
          break;
        } catch (e) {
          if (attempt >= 50) {
            await cleanup.query(`drop database if exists ${name} with (force)`);
            break;
          }
          if ((e as { code?: string }).code !== "55006") throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await cleanup.end();
    },
  };
}

/**
 * A fresh PGlite runs initdb, which costs 3–5 s of CPU; the integration suite opens one per file
 * and database. So the first opening on this machine dumps its migrated data directory to a file
 * named by the migrations' and PGlite's contents, and later ones start from that dump (about 1 s).
 * Every test still gets a database of its own; a change to a migration or to PGlite names a new file.
 */
let template: Promise<Blob> | undefined;

function templateFile(): string {
  const hash = createHash("sha256");
  for (const file of readdirSync(MIGRATIONS_FOLDER, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).map((f) => path.join(f.parentPath, f.name)).sort()) {
    hash.update(file).update(readFileSync(file));
  }
  hash.update(readFileSync(path.join(process.cwd(), "node_modules", "@electric-sql", "pglite", "package.json")));
  return path.join(tmpdir(), `brygga-pglite-template-${hash.digest("hex").slice(0, 16)}.tar`);
}

async function migratedTemplate(): Promise<Blob> {
  const file = templateFile();
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    const handle = await openDatabase({ driver: "pglite", dir: null });
    await migrateDatabase(handle);
    const dump = await handle.pglite!.dumpDataDir("none");
    await handle.close();
    // Written aside, then renamed: a file running at the same time never reads half a dump.
    const partial = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
    return dump;
  }
}

async function createPglite(): Promise<TestDatabase> {
  template ??= migratedTemplate();
  const handle = await openDatabase({ driver: "pglite", dir: null, from: await template });
  // A no-op on the template's own migrations; it proves the template is current.
  await migrateDatabase(handle);
  return { name: "pglite", handle, dispose: () => handle.close() };
}

/** Every database this run can test on; use with `describe.each(testDatabases())`. */
export function testDatabases(): TestDatabaseFactory[] {
  const list: TestDatabaseFactory[] = [{ name: "pglite", create: createPglite }];
  if (adminUrl) list.push({ name: "pg", create: createPostgres });
  return list;
}

/** Only PostgreSQL (for multi-process tests); empty when no PostgreSQL is configured. */
export function postgresOnly(): TestDatabaseFactory[] {
  return testDatabases().filter((d) => d.name === "pg");
}
