import type { AppErrorCode } from "@/lib/errors";

/**
 * What every server action answers: ok with data, or an expected failure with its code, a message
 * in the user's language and every field error (dot path → messages). Bugs are not results: they
 * throw to the segment's error.tsx.
 */
export type ActionResult<T = unknown> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode; message: string; fields?: Record<string, string[]> };
