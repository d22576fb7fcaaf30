import type { PGlite } from "@electric-sql/pglite";

/*
 * PGlite on a data directory: file sizes answered from memory instead of a system call each.
 *
 * Why: PostgreSQL learns a relation's size by seeking to the end of its file (`lseek(fd, 0,
 * SEEK_END)`), and its planner does that for the table and every index of it that a statement
 * might use: 15 times for one invoice list view. PGlite's Node file system answers each seek to the
 * end with `fs.fstatSync`, a system call and a Stats object, on the portal's request thread. bench:ui
 * profiles put those calls at ~0.4 ms of a list view's CPU; in a loop, a list statement took ~0.6 ms
 * without them against ~0.75 ms with them (README, bench:ui).
 *
 * How: the size a seek to the end found is remembered per file, on Emscripten's node for it (one
 * per path while the file exists; a file created anew, as TRUNCATE and VACUUM FULL create them, is
 * a new node), and forgotten by anything that can change that file's size: a write to it, a
 * truncation (by file or by path; an open with O_TRUNC is one by path), an allocation. Each is an
 * operation of the same table, so nothing in this process grows or shrinks a file unseen
 * (PostgreSQL extends relations and WAL by writes and shrinks them by truncation), and
 * acquireDirLock (./lock.ts) keeps other processes out of the directory. Reads keep the sizes, so
 * a portal serving lists asks the file system only for a file that was written since.
 *
 * This reaches into Emscripten's file system of PGlite's module (`mod.FS.filesystems.NODEFS`). If a
 * PGlite version no longer has it in this shape, nothing is changed (`false`), and the database
 * works as before, a little slower.
 */

interface FsNode {
  mode: number;
}
interface FsStream {
  node: FsNode;
}
type Ops = Record<string, ((...args: never[]) => unknown) | undefined>;
interface Emscripten {
  FS: { isFile(mode: number): boolean; filesystems?: { NODEFS?: { stream_ops?: Ops; node_ops?: Ops } } };
}

const SEEK_END = 2;
/** Operations that change one file's size, by the stream or node they are given first. */
const STREAM_CHANGES = ["write", "setattr", "allocate"] as const;
const NODE_CHANGES = ["setattr"] as const;

/** Remembers file sizes for `pglite`'s data directory; false when its file system is not the expected one. */
export function rememberFileSizes(pglite: PGlite): boolean {
  const fs = (pglite as unknown as { mod?: Emscripten }).mod?.FS;
  const nodefs = fs?.filesystems?.NODEFS;
  const streamOps = nodefs?.stream_ops;
  const nodeOps = nodefs?.node_ops;
  const llseek = streamOps?.llseek as ((stream: FsStream, offset: number, whence: number) => number) | undefined;
  if (!fs || !streamOps || !nodeOps || !llseek || typeof streamOps.write !== "function") return false;

  const sizes = new WeakMap<FsNode, number>();
  const forget = (node: FsNode | undefined) => {
    if (node) sizes.delete(node);
  };
  // Forgotten after the change too: an operation that throws midway may still have changed the file.
  const wrap = (ops: Ops, name: string, forgetFor: (target: unknown) => void) => {
    const original = ops[name];
    if (typeof original !== "function") return;
    ops[name] = ((target: unknown, ...rest: unknown[]) => {
      forgetFor(target);
      try {
        return (original as (...a: unknown[]) => unknown)(target, ...rest);
      } finally {
        forgetFor(target);
      }
    });
  };

  for (const name of STREAM_CHANGES) wrap(streamOps, name, (stream) => forget((stream as FsStream | undefined)?.node));
  for (const name of NODE_CHANGES) wrap(nodeOps, name, (node) => forget(node as FsNode | undefined));
  streamOps.llseek = ((stream: FsStream, offset: number, whence: number) => {
    if (whence !== SEEK_END || offset !== 0 || !fs.isFile(stream.node.mode)) return llseek(stream, offset, whence);
    let size = sizes.get(stream.node);
    if (size === undefined) {
      size = llseek(stream, 0, SEEK_END);
      sizes.set(stream.node, size);
    }
    return size;
  });
  return true;
}
