import { describe, expect, it } from "vitest";

import { lastModifiedParam, readingsOf, stockholmMinute } from "./cursor";

describe("incremental cursor in Stockholm time", () => {
  it("formats winter (UTC+1) and summer (UTC+2) instants as local minutes, seconds dropped", () => {
    expect(stockholmMinute(new Date("2026-01-15T10:04:59Z"))).toBe("2026-01-15 11:04");
    expect(stockholmMinute(new Date("2026-07-15T10:04:01Z"))).toBe("2026-07-15 12:04");
  });

  it("subtracts the overlap window, and a minute boundary rounds down", () => {
    expect(lastModifiedParam(new Date("2026-03-02T08:00:30Z"), 120_000)).toBe("2026-03-02 08:58");
    expect(lastModifiedParam(new Date("2026-03-02T08:00:00Z"), 0)).toBe("2026-03-02 09:00");
  });

  it("knows the autumn hour has two readings and the spring gap none", () => {
    expect(readingsOf("2026-10-25 02:30").map((d) => d.toISOString())).toEqual(["2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z"]);
    expect(readingsOf("2026-03-29 02:30")).toEqual([]);
  });

  it("never names a time Fortnox could read as later than the cursor across the autumn change", () => {
    // 02:30 summer time (00:30 UTC), first pass through the repeated hour.
    const cursor = new Date("2026-10-25T00:30:00Z");
    const param = lastModifiedParam(cursor, 0);
    for (const reading of readingsOf(param)) expect(reading.getTime()).toBeLessThanOrEqual(cursor.getTime());
    expect(param).toBe("2026-10-25 01:30");
    // Second pass (winter time): 02:30 is safe, since both readings are at or before the cursor.
    expect(lastModifiedParam(new Date("2026-10-25T01:30:00Z"), 0)).toBe("2026-10-25 02:30");
  });

  it("crosses the spring change without a gap", () => {
    // 03:10 summer time is 01:10 UTC; two minutes earlier is 03:08 local.
    expect(lastModifiedParam(new Date("2026-03-29T01:10:00Z"), 120_000)).toBe("2026-03-29 03:08");
    // Ten minutes earlier crosses into winter time: 01:00 UTC = 01:00+… = 03:00 CEST; 00:59 UTC = 01:59 CET.
    expect(lastModifiedParam(new Date("2026-03-29T01:09:00Z"), 10 * 60_000)).toBe("2026-03-29 01:59");
  });
});
