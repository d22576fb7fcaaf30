import { csvHeader, csvRow, CSV_BOM, type CsvColumn } from "@/lib/browse/csv";
import type { Database } from "@/lib/db/client";
import type { MessageKey } from "@/lib/i18n/dictionaries";

import { AUDIT_TYPES, listAuditEvents, parseAuditFilter, type AuditFilter, type AuditRow } from "./audit";

/**
 * The audit log as CSV, with the page's filters (event, actor, days). Every filter is checked
 * before anything is read: an export never quietly holds other rows than asked for. Rows are read
 * in keyset batches (lib/settings/audit.ts), so a long log streams without being held in memory.
 * Cells go through the shared CSV writer, which neutralises text a spreadsheet would run as a
 * formula (=, +, -, @).
 */

export const EXPORT_BATCH = 500;
const EXPORT_PARAMS = ["type", "actor", "from", "to"] as const;

/** The export's filter, or the names of the parameters that are not valid (`after` has no meaning here). */
export function parseExportFilter(search: URLSearchParams): { filter: AuditFilter; invalid: string[] } {
  const params: Record<string, string | string[]> = {};
  const invalid: string[] = [];
  for (const key of new Set(search.keys())) {
    const all = search.getAll(key);
    if (!(EXPORT_PARAMS as readonly string[]).includes(key)) invalid.push(key.slice(0, 40));
    else if (all.length > 1) invalid.push(key);
    else params[key] = all[0]!;
  }
  const parsed = parseAuditFilter(params);
  // A crafted URL can carry any number of names: the answer names the first ten.
  return { filter: parsed.filter, invalid: [...new Set([...invalid, ...parsed.invalid])].slice(0, 10) };
}

type T = (key: MessageKey, vars?: Record<string, string>) => string;

function columns(t: T): CsvColumn<AuditRow>[] {
  const label = (type: string) => ((AUDIT_TYPES as readonly string[]).includes(type) ? t(`settings.audit.type.${type}` as MessageKey) : type);
  return [
    { header: t("settings.audit.csv.when"), cell: (r) => ({ text: r.createdAt.toISOString() }) },
    { header: t("settings.audit.event"), cell: (r) => ({ text: label(r.type) }) },
    { header: t("settings.audit.csv.code"), cell: (r) => ({ text: r.type }) },
    { header: t("settings.audit.actor"), cell: (r) => ({ text: r.actorName || (r.actorId ? null : t("settings.audit.system")) }) },
    { header: t("settings.audit.csv.email"), cell: (r) => ({ text: r.actorEmail }) },
    { header: t("settings.audit.detail"), cell: (r) => ({ text: JSON.stringify(r.detail) }) },
  ];
}

/** Header, then one chunk per batch. The first `next()` runs the first query (errors surface before the response). */
export async function* auditCsv(db: Database, tenantId: string, filter: AuditFilter, t: T, locale: "sv" | "en"): AsyncGenerator<string, void> {
  const cols = columns(t);
  const yesNo: [string, string] = ["", ""];
  let page = await listAuditEvents(db, tenantId, filter, EXPORT_BATCH);
  yield CSV_BOM + csvHeader(cols);
  for (;;) {
    if (page.rows.length > 0) yield page.rows.map((r) => csvRow(cols, r, locale, yesNo)).join("");
    if (!page.next) return;
    const last = page.rows.at(-1)!;
    page = await listAuditEvents(db, tenantId, { ...filter, after: { at: last.createdAt, id: last.id } }, EXPORT_BATCH);
  }
}


