import type { Database } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { recordAudit } from "@/lib/db/queries/audit";
import { logger } from "@/lib/log";

import type { FortnoxApi } from "../client";
import { FortnoxError } from "../errors";

/**
 * Every write-back in the audit log, recorded in one place: the Fortnox API a server action gets
 * from `ctx.write()` (lib/actions/define-action.ts) is wrapped so each POST, PUT and DELETE is
 * recorded with who made it, the record and action it concerns, and Fortnox's answer (HTTP status
 * and, on a refusal, Fortnox's error code and message, docs/fortnox.md#errors). Request bodies and
 * tokens are never recorded. Reads are not audited.
 */

export interface WriteAuditor {
  db: Pick<Database, "insert">;
  tenantId: string;
  connectionId: string;
  userId: string;
}

/** `/3/invoices/12/bookkeep` → invoices, 12, bookkeep; `POST /3/customers` → customers, create. */
export function describeWrite(method: "POST" | "PUT" | "DELETE", path: string): { resource: string; record: string | null; action: string } {
  const parts = path.split("?")[0]!.split("/").filter(Boolean);
  const [, resource = "unknown", record = null, verb = null] = parts[0] === "3" ? parts : ["3", ...parts];
  const action = verb ?? (method === "POST" ? "create" : method === "PUT" ? "update" : "delete");
  return { resource, record: record === null ? null : decodeURIComponent(record), action };
}

/** The number Fortnox gave a created record, from the decoded answer. */
function createdNumber(result: unknown): string | null {
  if (!result || typeof result !== "object") return null;
  const r = result as Record<string, unknown>;
  const n = r.documentNumber ?? r.customerNumber ?? r.articleNumber;
  return typeof n === "string" || typeof n === "number" ? String(n) : null;
}

function answerOf(e: unknown): { status: number | null; fortnoxCode: number | null; message: string } {
  // Fortnox's own answer, also behind Brygga's "busy, try again" (a 429 past the person's patience).
  const answer = e instanceof FortnoxError ? e : e instanceof Error && e.cause instanceof FortnoxError ? e.cause : null;
  if (answer) return { status: answer.status || null, fortnoxCode: answer.code ?? null, message: answer.message.slice(0, 500) };
  // Not answered by Fortnox (a decoding failure, say): the kind, no internals.
  return { status: null, fortnoxCode: null, message: isAppError(e) ? e.code : e instanceof Error ? e.name : "error" };
}

export function auditedWrites(api: FortnoxApi, who: WriteAuditor): FortnoxApi {
  async function recorded<T>(method: "POST" | "PUT" | "DELETE", path: string, call: () => Promise<T>): Promise<T> {
    const what = describeWrite(method, path);
    const record = (detail: Record<string, unknown>) =>
      recordAudit(who.db, { tenantId: who.tenantId, connectionId: who.connectionId, userId: who.userId, type: "fortnox.write", detail: { ...what, method, ...detail } }).catch((e: unknown) =>
        // The write already happened in Fortnox: say so loudly, but do not report it as failed.
        logger.error("recording a write-back in the audit log failed", { connectionId: who.connectionId, ...what, error: e }),
      );
    try {
      const result = await call();
      // The client returns the decoded body, not the status: a success is recorded as accepted.
      await record({ ...(what.record === null ? { record: createdNumber(result) } : {}), ok: true });
      return result;
    } catch (e) {
      await record({ ok: false, ...answerOf(e) });
      throw e;
    }
  }
  return {
    get counters() {
      return api.counters;
    },
    get: (path, decode, query) => api.get(path, decode, query),
    list: (path, decode, query) => api.list(path, decode, query),
    pages: (path, decode, query) => api.pages(path, decode, query),
    listAll: (path, decode, query) => api.listAll(path, decode, query),
    post: (path, body, decode) => recorded("POST", path, () => api.post(path, body, decode)),
    put: (path, body, decode) => recorded("PUT", path, () => api.put(path, body, decode)),
    delete: (path) => recorded("DELETE", path, () => api.delete(path)),
  };
}
