import type { Metadata } from "next";

import { NotFoundCard } from "@/components/errors/not-found-card";

export const metadata: Metadata = { title: "404" };

/** notFound() anywhere in the portal (an unknown invoice, another company's customer) lands here, in the portal's layout. */
export default function PortalNotFound() {
  return <NotFoundCard />;
}
