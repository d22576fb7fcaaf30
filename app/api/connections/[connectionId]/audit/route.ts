import { auditExportRoute } from "@/lib/settings/audit-route";

export const dynamic = "force-dynamic";

/** The company's audit log as a streamed CSV, same filters as /settings/audit; admins only. */
export const GET = auditExportRoute;
