import "server-only";

import { respond } from "@/lib/api/respond";
import { requireCompanyId } from "@/lib/api/tenant";
import { csvDownload } from "@/lib/browse/route-handlers";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { msg } from "@/lib/forms/message-ref";
import { todayInStockholm } from "@/lib/format";
import { getTranslator } from "@/lib/i18n/server";

import { auditCsv, parseExportFilter } from "./audit-export";

/**
 * GET /api/connections/:id/audit: the guard first (admins of that company only; anyone else, and a
 * malformed or another tenant's id, gets 404 as for an unknown company), then every filter (422
 * naming each bad one), then the first batch; only then does the 200 and the stream start.
 */
export async function auditExportRoute(request: Request, { params }: { params: Promise<{ connectionId: string }> }): Promise<Response> {
  return respond(async () => {
    const { company } = await requireCompanyId((await params).connectionId, "admin").catch((e: unknown) => {
      // Members must not learn the export exists (as with /settings): forbidden reads as not found.
      throw e instanceof AppError && e.code === "forbidden" ? new AppError("not_found", "write.error.not_found") : e;
    });
    const { filter, invalid } = parseExportFilter(new URL(request.url).searchParams);
    if (invalid.length > 0) {
      throw new AppError("invalid_input", msg("settings.audit.export.invalid", { fields: invalid.join(", ") }), Object.fromEntries(invalid.map((p) => [p, [msg("list.export.invalidParam", { param: p })]])));
    }
    const { t, locale } = await getTranslator();
    return csvDownload(auditCsv(await getDb(), company.tenantId, filter, t, locale), `audit-${todayInStockholm()}.csv`);
  });
}
