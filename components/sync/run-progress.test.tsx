import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { sv } from "@/lib/i18n/messages/sync";
import type { RunPace } from "@/lib/sync/progress";
import type { SyncRunView } from "@/lib/sync/status";

import { syncTranslator } from "./format";
import { RunProgress } from "./run-progress";

const t = syncTranslator(sv);
const run = (pace: Partial<RunPace>) =>
  ({ status: "running", resources: ["invoices"], counts: {}, pace: { requestsPerSecond: 0, recordsPerMinute: 0, windowSeconds: 0, remainingRequests: 0, remainingComplete: false, budgetPerSecond: 5, ...pace } }) as unknown as SyncRunView;
const eta = (pace: Partial<RunPace>) => /data-testid="sync-eta">([^<]*)</.exec(renderToStaticMarkup(<RunProgress run={run(pace)} t={t} locale="sv" />))![1];

describe("the time a running sync has left", () => {
  it("is being measured while no listing has said what is due, and 'almost done' only when that is known", () => {
    expect(eta({ remainingRequests: 0, remainingComplete: false })).toBe("Mäts…");
    expect(eta({ remainingRequests: 0, remainingComplete: true })).toBe("Nästan klart");
    expect(eta({ remainingRequests: 1500, remainingComplete: true })).toMatch(/^cirka 5 min/);
    expect(eta({ remainingRequests: 1500, remainingComplete: false })).toMatch(/^minst 5 min/);
  });
});
