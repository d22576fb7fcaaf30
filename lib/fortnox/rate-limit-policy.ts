/**
 * The rate limiter's decision, as a pure function of what the database holds for one key: grant a
 * slot now, or say how long to wait. Kept apart from the SQL so every rule can be tested with
 * exact times (rate-limit-policy.test.ts).
 *
 * - A slot occupies the window from its grant until `spanMs` after its request's answer came back
 *   (`at`); a request still in flight counts as "now" (`flying`), and nobody can know when it
 *   will leave, so a waiter behind it polls.
 * - People first: a request a person waits for ("interactive") may use the whole budget and is
 *   not paced. While one has asked within `demandMs`, background work keeps `reserve` slots of
 *   the window free for them, so every slot that frees goes to the person.
 * - Background grants are paced, one per `intervalMs` (window ÷ requests): the budget drains and
 *   refills evenly, so a person never waits more than about one interval for a slot, and no
 *   burst of our own makes Fortnox's arrivals bunch up.
 */

export type Priority = "interactive" | "background";

export interface RatePolicy {
  requests: number;
  /** The window plus the safety margin (and any learned margin). */
  spanMs: number;
  /** Background pacing: spanMs ÷ requests. */
  intervalMs: number;
  /** Slots background work leaves free while people are asking. */
  reserve: number;
  /** How long a person's request keeps background work yielding. */
  demandMs: number;
  /** How long to wait when the slot that must leave first is still in flight. */
  pollMs: number;
}

export interface WindowState {
  /** The database's clock, epoch ms. */
  now: number;
  /** Slots still inside the span, oldest first; `at` is when each leaves the span minus spanMs. */
  slots: readonly { at: number; flying: boolean }[];
  pausedUntil: number | null;
  pacedAt: number | null;
  interactiveAt: number | null;
}

export type Decision = { grant: true } | { grant: false; waitMs: number };

export function policyFor(requests: number, spanMs: number): RatePolicy {
  const intervalMs = spanMs / requests;
  return { requests, spanMs, intervalMs, reserve: Math.max(1, Math.round(requests / 5)), demandMs: spanMs, pollMs: Math.max(5, intervalMs / 4) };
}

/** True while a person's request asked recently enough that background work must yield. */
export function demandActive(p: RatePolicy, s: Pick<WindowState, "now" | "interactiveAt">): boolean {
  return s.interactiveAt !== null && s.now - s.interactiveAt < p.demandMs;
}

export function decide(p: RatePolicy, s: WindowState, priority: Priority): Decision {
  const waits: number[] = [];
  if (s.pausedUntil !== null && s.pausedUntil > s.now) waits.push(s.pausedUntil - s.now);

  const yielding = priority === "background" && demandActive(p, s);
  const cap = yielding ? p.requests - p.reserve : p.requests;
  if (s.slots.length >= cap) {
    // The slot whose leaving brings the count below the cap.
    const leaving = s.slots[s.slots.length - cap]!;
    let wait = leaving.flying ? p.pollMs : leaving.at + p.spanMs - s.now;
    // Background may also go once people stop asking.
    if (yielding) wait = Math.min(wait, s.interactiveAt! + p.demandMs - s.now);
    waits.push(wait);
  }
  if (priority === "background" && s.pacedAt !== null && s.pacedAt > s.now) waits.push(s.pacedAt - s.now);

  if (waits.length === 0) return { grant: true };
  return { grant: false, waitMs: Math.max(1, ...waits) };
}
