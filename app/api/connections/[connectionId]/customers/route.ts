import { listRoute } from "@/lib/browse/route-handlers";

export const dynamic = "force-dynamic";

/** One page of customers as JSON, for client-side refetches (e.g. after a write). */
export const GET = listRoute("customers");
