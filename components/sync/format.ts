import type { SyncMessageKey, SyncMessages } from "@/lib/i18n/messages/sync";

/** Translates a sync string; the server's `t` from getTranslator fits this type as well. */
export type SyncT = (key: SyncMessageKey, vars?: Record<string, string>) => string;

/** A `t` over the sync strings a server component passed down to a client component. */
export function syncTranslator(messages: SyncMessages): SyncT {
  return (key, vars = {}) => messages[key].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? `{${k}}`);
}

/** "15 minuter", "1 timme", "12 timmar", "7 dygn": how the settings' intervals read. */
export function everyLabel(minutes: number, t: SyncT): string {
  if (minutes < 60) return t("sync.every.minutes", { n: String(minutes) });
  const hours = minutes / 60;
  if (hours === 1) return t("sync.every.hour");
  if (hours >= 48 && hours % 24 === 0) return t("sync.every.days", { n: String(hours / 24) });
  return t("sync.every.hours", { n: String(hours) });
}

/** A run's duration: "850 ms", "42 s", "3 min 5 s", "1 h 12 min" (the same units in Swedish and English). */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export const STATUS_TONE = { queued: "neutral", running: "info", succeeded: "good", failed: "bad", cancelled: "warn" } as const;

/** The settings as the page hands them to the form or the read-only summary (plain values). */
export interface SyncSettingsView {
  resources: string[];
  intervalMinutes: number;
  realtime: boolean;
  reconcileIntervalHours: number;
  paused: boolean;
}

/** The form's choices with their labels, built on the server from lib/sync/settings.ts. */
export interface SyncSettingsOptions {
  resources: { value: string; label: string }[];
  intervals: { value: string; label: string }[];
  reconcile: { value: string; label: string }[];
}
