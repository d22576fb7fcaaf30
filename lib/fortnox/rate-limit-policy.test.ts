import { describe, expect, it } from "vitest";

import { decide, policyFor, type WindowState } from "./rate-limit-policy";

// Fortnox's window with a 50 ms margin: span 5050, one background grant per 202 ms, 5 reserved.
const P = policyFor(25, 5050);
const NOW = 1_000_000;
const done = (ago: number) => ({ at: NOW - ago, flying: false });
const state = (over: Partial<WindowState> = {}): WindowState => ({ now: NOW, slots: [], pausedUntil: null, pacedAt: null, interactiveAt: null, ...over });
/** 25 slots whose answers came back 0…4800 ms ago, oldest first (paced, as background leaves them). */
const full = Array.from({ length: 25 }, (_, i) => done(4800 - i * 200));

describe("rate limit policy", () => {
  it("derives pacing, reserve and demand from the window", () => {
    expect(P).toMatchObject({ requests: 25, spanMs: 5050, intervalMs: 202, reserve: 5, demandMs: 5050 });
  });

  it("grants below the limit and, at the limit, waits exactly until the oldest slot leaves the span", () => {
    expect(decide(P, state({ slots: full.slice(1) }), "background")).toEqual({ grant: true });
    expect(decide(P, state({ slots: full }), "interactive")).toEqual({ grant: false, waitMs: 5050 - 4800 });
    expect(decide(P, state({ slots: full }), "background")).toEqual({ grant: false, waitMs: 250 });
  });

  it("counts a slot from its answer, not its grant: a slot answered 10 ms ago holds the window for a whole span", () => {
    const slots = [done(10), ...full.slice(1).map(() => done(5))];
    expect(decide(P, state({ slots }), "interactive")).toEqual({ grant: false, waitMs: 5040 });
  });

  it("polls when the slot that must leave first is still in flight, as nobody knows when it will", () => {
    const slots = Array.from({ length: 25 }, () => ({ at: NOW, flying: true }));
    expect(decide(P, state({ slots }), "interactive")).toEqual({ grant: false, waitMs: P.pollMs });
  });

  it("paces background work one interval apart, and never paces a person", () => {
    expect(decide(P, state({ pacedAt: NOW + 150 }), "background")).toEqual({ grant: false, waitMs: 150 });
    expect(decide(P, state({ pacedAt: NOW + 150 }), "interactive")).toEqual({ grant: true });
    expect(decide(P, state({ pacedAt: NOW - 1 }), "background")).toEqual({ grant: true });
  });

  it("keeps the reserve free for people while one asked within the demand horizon, then gives it back", () => {
    const twenty = full.slice(5);
    // A person asked 1 s ago: background stops at 20 and waits for the oldest of them to leave, or
    // for the demand to lapse, whichever comes first.
    const asked = state({ slots: twenty, interactiveAt: NOW - 1000 });
    expect(decide(P, asked, "background")).toEqual({ grant: false, waitMs: 5050 - 3800 });
    expect(decide(P, asked, "interactive")).toEqual({ grant: true });
    const lapsing = state({ slots: twenty, interactiveAt: NOW - 5000 });
    expect(decide(P, lapsing, "background")).toEqual({ grant: false, waitMs: 50 });
    expect(decide(P, state({ slots: twenty, interactiveAt: NOW - 5050 }), "background")).toEqual({ grant: true });
    expect(decide(P, state({ slots: full.slice(6), interactiveAt: NOW - 10 }), "background")).toEqual({ grant: true });
  });

  it("holds everyone during a 429 pause, people included", () => {
    expect(decide(P, state({ pausedUntil: NOW + 3000 }), "interactive")).toEqual({ grant: false, waitMs: 3000 });
    expect(decide(P, state({ pausedUntil: NOW + 3000, slots: full }), "background")).toEqual({ grant: false, waitMs: 3000 });
    expect(decide(P, state({ pausedUntil: NOW }), "interactive")).toEqual({ grant: true });
  });
});
