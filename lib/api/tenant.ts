import "server-only";

import { requireCompany, type CompanyRequirement, type Viewer } from "@/lib/auth/guards";
import type { UserCompany } from "@/lib/db/queries/companies";
import { AppError } from "@/lib/errors";
import { parseUuid } from "@/lib/input/params";

/**
 * The one door from a company id that came over the network (a route segment, a hidden input) to
 * the guard: a malformed id is refused as not found before any query sees it, exactly like an
 * unknown id or another tenant's. Route handlers and the action wrapper both come through here.
 */
export async function requireCompanyId(raw: unknown, need?: "admin" | CompanyRequirement): Promise<{ connectionId: string; viewer: Viewer; company: UserCompany }> {
  const connectionId = parseUuid(raw);
  if (!connectionId) {
    // Signed-out callers still hear "sign in" first, as with a well-formed id.
    await requireCompany("", need).catch((e: unknown) => {
      if (e instanceof AppError && e.code === "unauthenticated") throw e;
    });
    throw new AppError("not_found", "write.error.not_found");
  }
  const { viewer, company } = await requireCompany(connectionId, need);
  return { connectionId, viewer, company };
}
