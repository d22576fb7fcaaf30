import { requireCompany } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { en, sv } from "@/lib/i18n/messages/sync";
import { getLocale } from "@/lib/i18n/server";
import { getSyncStatus, type SyncStatus } from "@/lib/sync/status";

import { SyncStatusLive } from "./sync-status-live";

/**
 * The sync status card (dashboard and sync page): rendered with the current status on the server,
 * then kept live in the browser by polling the connection's sync route. A page with other readers
 * of the status passes the one it gave them (components/sync/use-sync-status.ts).
 */
export async function SyncStatusCard({ connectionId, status: given }: { connectionId: string; status?: SyncStatus }) {
  // Pages pass the viewer's own company; checking again keeps the card safe wherever it is placed.
  await requireCompany(connectionId);
  const [locale, db] = await Promise.all([getLocale(), getDb()]);
  const status = given ?? (await getSyncStatus(db, connectionId));
  return <SyncStatusLive connectionId={connectionId} initial={status} messages={locale === "en" ? en : sv} locale={locale} />;
}
