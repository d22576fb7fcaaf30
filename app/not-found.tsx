import type { Metadata } from "next";

import { NotFoundCard } from "@/components/errors/not-found-card";

export const metadata: Metadata = { title: "404" };

/** An address that matches no page: the same branded 404, outside the portal's layout. */
export default function RootNotFound() {
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <p className="mb-8 text-xl font-semibold tracking-tight text-brand-700">Brygga</p>
      <NotFoundCard />
    </main>
  );
}
