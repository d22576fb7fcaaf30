import { requireCompany } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { en, sv } from "@/lib/i18n/messages/sync";
import { getLocale } from "@/lib/i18n/server";
import { getSyncStatus } from "@/lib/sync/status";

import { SyncStatusLive } from "./sync-status-live";

/**
 * The sync status card (dashboard and sync page): rendered with the current status on the server,
 * then kept live in the browser by polling the connection's sync route.
 */
export async function SyncStatusCard({ connectionId }: { connectionId: string }) {
  // Pages pass the viewer's own company; checking again keeps the card safe wherever it is placed.
  await requireCompany(connectionId);
  const [locale, db] = await Promise.all([getLocale(), getDb()]);
  const status = await getSyncStatus(db, connectionId);
  return <SyncStatusLive connectionId={connectionId} initial={status} messages={locale === "en" ? en : sv} locale={locale} />;
}
