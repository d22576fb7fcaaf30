/**
 * The incremental cursor: Fortnox's `lastmodified` filter takes a Swedish local time with minute
 * precision and no offset (`YYYY-MM-DD HH:MM`, docs/fortnox.md#api-conventions). We keep the high-water mark as an
 * instant and turn it into that string only at the request, minus an overlap window that covers
 * clock skew between us and Fortnox and writes that were in flight while the last listing ran.
 *
 * DST: in the autumn hour that repeats (02:00–03:00 happens twice), a local time names two instants.
 * Fortnox may read it as the later one, which would skip up to an hour of changes, so when the
 * cursor falls in that hour we step back until the string's *latest* reading is not after it. The
 * spring gap needs nothing: formatting an instant never yields a local time that does not exist.
 */

export const TIME_ZONE = "Europe/Stockholm";
/** Default overlap: re-list what changed in the two minutes before the last listing started. */
export const DEFAULT_OVERLAP_MS = 2 * 60_000;

const formatter = new Intl.DateTimeFormat("sv-SE", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** Stockholm local time of `instant` as `YYYY-MM-DD HH:MM` (seconds dropped, i.e. rounded down). */
export function stockholmMinute(instant: Date): string {
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** Every instant whose Stockholm local minute is `local` (two in the repeated autumn hour, none in the spring gap). */
export function readingsOf(local: string): Date[] {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new Error(`not a local minute: ${local}`);
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  // Stockholm is UTC+1 or UTC+2: try both offsets and keep those that format back to `local`.
  return [2, 1].map((h) => new Date(asUtc - h * 3600_000)).filter((d) => stockholmMinute(d) === local);
}

/**
 * The `lastmodified` value for a high-water mark: `highWater − overlap` in Stockholm time, moved
 * back if needed so that no reading of it lies after that instant.
 */
export function lastModifiedParam(highWater: Date, overlapMs = DEFAULT_OVERLAP_MS): string {
  let at = new Date(highWater.getTime() - overlapMs);
  for (;;) {
    const local = stockholmMinute(at);
    const latest = Math.max(...readingsOf(local).map((d) => d.getTime()));
    if (latest <= at.getTime()) return local;
    // First pass through the repeated hour: an hour earlier is summer time before the change.
    at = new Date(at.getTime() - 3600_000);
  }
}
