import fs, { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { rememberFileSizes } from "./pglite-file-sizes";

interface Stream {
  nfd?: number;
  path: string;
  node: { mode: number };
  stream_ops: { llseek(stream: Stream, offset: number, whence: number): number };
}
const SEEK_END = 2;

/** Every data-directory file PGlite has open, with the size a seek to its end answers and the size on disk. */
function openFileSizes(pglite: PGlite): { answered: number; onDisk: number }[] {
  const FS = (pglite as unknown as { mod: { FS: { streams: (Stream | null)[]; isFile(mode: number): boolean } } }).mod.FS;
  return FS.streams
    .filter((s): s is Stream => s !== null && s !== undefined && typeof s.nfd === "number" && FS.isFile(s.node.mode))
    .map((s) => ({ answered: s.stream_ops.llseek(s, 0, SEEK_END), onDisk: fs.fstatSync(s.nfd!).size }));
}

describe("PGlite's file sizes from memory (lib/db/pglite-file-sizes.ts)", () => {
  let dir: string;
  let pglite: PGlite;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "brygga-sizes-"));
    pglite = await PGlite.create(dir);
    expect(rememberFileSizes(pglite)).toBe(true);
    await pglite.exec(`create table t (id int primary key, body text); create index t_body on t (body)`);
  });
  afterAll(async () => {
    if (!pglite.closed) await pglite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Seq-scan count: a scan reads as many blocks as the relation's size says, so a stale size hides rows. */
  const scanned = async () => {
    await pglite.exec(`set enable_indexscan = off; set enable_bitmapscan = off; set enable_indexonlyscan = off`);
    const { rows } = await pglite.query<{ n: number }>(`select count(*)::int as n from t`);
    await pglite.exec(`reset enable_indexscan; reset enable_bitmapscan; reset enable_indexonlyscan`);
    return rows[0]!.n;
  };
  const insert = (from: number, to: number) => pglite.query(`insert into t select g, repeat(md5(g::text), 8) from generate_series($1::int, $2::int) g`, [from, to]);

  it("answers repeated size questions without asking the file system", async () => {
    await insert(1, 100);
    await pglite.query(`select * from t where id = 1`);
    const fstat = vi.spyOn(fs, "fstatSync");
    try {
      // Planning this looks up the size of the table and of both its indexes.
      for (let i = 0; i < 5; i++) await pglite.query(`select * from t where id = $1`, [i]);
      expect(fstat).not.toHaveBeenCalled();
    } finally {
      fstat.mockRestore();
    }
  });

  it("sees every change of size: growth, vacuum's truncation, TRUNCATE, a rewrite, a dropped index", async () => {
    const steps: [string, () => Promise<unknown>, number][] = [
      ["rows that grow the table by many pages", () => insert(101, 5000), 5000],
      ["more rows after sizes were remembered", () => insert(5001, 9000), 9000],
      ["a delete of the tail, then VACUUM, which truncates the file", () => pglite.exec(`delete from t where id > 200`).then(() => pglite.exec(`vacuum t`)), 200],
      ["growth again after the truncation", () => insert(201, 3000), 3000],
      ["TRUNCATE (a new file) and new rows", () => pglite.exec(`truncate t; insert into t select g, md5(g::text) from generate_series(1, 700) g`), 700],
      ["VACUUM FULL (a rewrite into a new file)", () => pglite.exec(`vacuum full t`), 700],
      ["a dropped and recreated index", () => pglite.exec(`drop index t_body; create index t_body on t (body)`), 700],
    ];
    for (const [name, change, rows] of steps) {
      await pglite.query(`select * from t where id = 1`); // sizes remembered before the change
      await change();
      expect(await scanned(), name).toBe(rows);
      await pglite.exec(`checkpoint`);
      for (const file of openFileSizes(pglite)) expect(file.answered, name).toBe(file.onDisk);
    }
  });

  it("forgets a size when a file is opened with O_TRUNC, which empties it without a write", () => {
    type EmFS = { streams: (Stream | null)[]; writeFile(p: string, d: string): void; open(p: string, flags: string): Stream; close(s: Stream): void; unlink(p: string): void };
    const FS = (pglite as unknown as { mod: { FS: EmFS } }).mod.FS;
    const inData = FS.streams.find((s) => s && typeof s.nfd === "number")!;
    const scratch = path.posix.join(path.posix.dirname(inData.path), "brygga-size-scratch");
    FS.writeFile(scratch, "x".repeat(100));
    const reader = FS.open(scratch, "r");
    try {
      expect(reader.stream_ops.llseek(reader, 0, SEEK_END)).toBe(100);
      FS.close(FS.open(scratch, "w")); // O_TRUNC | O_CREAT | O_WRONLY
      expect(reader.stream_ops.llseek(reader, 0, SEEK_END)).toBe(0);
    } finally {
      FS.close(reader);
      FS.unlink(scratch);
    }
  });

  it("keeps what it wrote across a restart", async () => {
    await pglite.close();
    pglite = await PGlite.create(dir);
    expect(rememberFileSizes(pglite)).toBe(true);
    expect(await scanned()).toBe(700);
    await insert(701, 4000);
    expect(await scanned()).toBe(4000);
  });

  it("leaves an in-memory PGlite as it is", async () => {
    const memory = await PGlite.create();
    try {
      // No data directory: Emscripten's memory file system, whose sizes are already in memory.
      rememberFileSizes(memory);
      await memory.exec(`create table m (id int); insert into m select generate_series(1, 3000)`);
      expect((await memory.query<{ n: number }>(`select count(*)::int as n from m`)).rows[0]!.n).toBe(3000);
    } finally {
      await memory.close();
    }
  });
});
