import { exportRoute } from "@/lib/browse/route-handlers";

export const dynamic = "force-dynamic";

/** The filtered list (same URL params as the page) as a streamed, Swedish-friendly CSV. */
export const GET = exportRoute();
