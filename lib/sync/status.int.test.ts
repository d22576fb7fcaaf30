import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { syncSettingsFormSchema } from "@/lib/actions/sync-form";
import type { Database } from "@/lib/db/client";
import { fieldErrors } from "@/lib/forms/fields";
import { translateRef } from "@/lib/forms/message-ref";
import { formDataToObject } from "@/lib/forms/form-data";
import { sv } from "@/lib/i18n/messages/sync";
import { createConnection } from "@/lib/testing/browse-records";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

import { claimRun, finishRun, saveProgress, type RunClaim, type RunProgress } from "./claim";
import { emptyCounts, queueRun } from "./runs";
import { DEFAULT_SYNC_SETTINGS, getSyncSettings, saveSyncSettings, syncSettingsSchema } from "./settings";
import { getSyncStatus, listSyncRunViews } from "./status";

const NOW = new Date("2026-03-15T12:00:00Z");
const progress = (counts: RunProgress["counts"]): RunProgress => ({ counts, checkpoint: { secret: "engine internals" }, requests: 7, rateLimited: 1, retries: 2 });

describe.each(testDatabases())("sync status on $name", (factory) => {
  let t: TestDatabase;
  let db: Database;
  let a: string;
  let b: string;

  beforeAll(async () => {
    t = await factory.create();
    db = t.handle.db;
    a = await createConnection(db, 9101, "A AB");
    b = await createConnection(db, 9102, "B AB");
  });
  afterAll(async () => t?.dispose());

  it("gives the defaults when nothing has run and no settings were saved; due at once", async () => {
    const status = await getSyncStatus(db, a, NOW);
    expect(status).toEqual({ openRun: null, lastRun: null, nextRunAt: NOW.toISOString(), settings: { ...DEFAULT_SYNC_SETTINGS, updatedAt: null }, records: { customers: 0, articles: 0, invoices: 0 } });
  });

  it("shows an open run's progress per resource, zero-filled, without its checkpoint; nothing is scheduled meanwhile", async () => {
    const { run } = await queueRun(db, a, "full", "connect", ["customers", "invoices"]);
    expect((await getSyncStatus(db, a, NOW)).openRun).toMatchObject({ id: run.id, status: "queued", startedAt: null });
    const { claim } = (await claimRun(db, a, { owner: "test" }))!;
    await saveProgress(db, claim, progress({ customers: { ...emptyCounts(), fetched: 5, created: 5, listed: 5, listTotal: 12 } }));
    const status = await getSyncStatus(db, a, NOW);
    expect(status.openRun).toMatchObject({ id: run.id, kind: "full", trigger: "connect", status: "running", requests: 7, rateLimited: 1, retries: 2 });
    expect(status.openRun!.counts).toEqual({ customers: { ...emptyCounts(), fetched: 5, created: 5, listed: 5, listTotal: 12 }, invoices: emptyCounts() });
    expect(status.openRun).not.toHaveProperty("checkpoint");
    expect(typeof status.openRun!.startedAt).toBe("string");
    expect(status.lastRun).toBeNull();
    expect(status.nextRunAt).toBeNull();

    const done = { customers: { ...emptyCounts(), fetched: 12, created: 12, listed: 12, listTotal: 12 }, invoices: { ...emptyCounts(), fetched: 3, created: 3, listed: 3, listTotal: 3, detailed: 3, detailTotal: 3 } };
    const finished = await finishRun(db, claim, { status: "succeeded", ...progress(done) });
    const after = await getSyncStatus(db, a, NOW);
    expect(after.openRun).toBeNull();
    expect(after.lastRun).toMatchObject({ id: run.id, status: "succeeded", counts: done, finishedAt: finished.finishedAt!.toISOString() });
    // One default interval (60 minutes) after the run ended.
    expect(after.nextRunAt).toBe(new Date(finished.finishedAt!.getTime() + 60 * 60_000).toISOString());
  });

  it("takes the newest finished run as the last one, also while another is open, and lists runs newest first", async () => {
    const { run: failed } = await queueRun(db, a, "incremental", "schedule", ["customers"]);
    const { claim } = (await claimRun(db, a, { owner: "test" }))!;
    expect(claim.runId).toBe(failed.id);
    await finishRun(db, claim, { status: "failed", errorCode: "fortnox_unavailable", errorMessage: "Fortnox is down", ...progress({}) });
    const { run: open } = await queueRun(db, a, "incremental", "manual", ["articles"]);
    const status = await getSyncStatus(db, a, NOW);
    expect(status.openRun?.id).toBe(open.id);
    expect(status.lastRun).toMatchObject({ id: failed.id, status: "failed", errorCode: "fortnox_unavailable", errorMessage: "Fortnox is down", counts: { customers: emptyCounts() } });
    const runs = await listSyncRunViews(db, a);
    expect(runs.map((r) => r.status)).toEqual(["queued", "failed", "succeeded"]);
    const second: RunClaim = (await claimRun(db, a, { owner: "test" }))!.claim;
    expect(second.runId).toBe(open.id);
    await finishRun(db, second, { status: "cancelled", ...progress({}) });
  });

  it("never shows another connection's runs", async () => {
    const { run: foreign } = await queueRun(db, b, "reconcile", "schedule", ["invoices"]);
    const status = await getSyncStatus(db, a, NOW);
    expect(status.openRun).toBeNull();
    expect(status.lastRun?.id).not.toBe(foreign.id);
    expect((await listSyncRunViews(db, a)).map((r) => r.id)).not.toContain(foreign.id);
    expect((await getSyncStatus(db, b, NOW)).openRun?.id).toBe(foreign.id);
    expect((await listSyncRunViews(db, b)).map((r) => r.id)).toEqual([foreign.id]);
  });

  it("round-trips settings; the interval moves the next run and pausing clears it", async () => {
    const input = { resources: ["invoices", "customers"] as const, intervalMinutes: 15, realtime: false, reconcileIntervalHours: 168, paused: false };
    await saveSyncSettings(db, a, { ...input, resources: [...input.resources] });
    const saved = await getSyncSettings(db, a);
    expect(saved).toMatchObject({ ...input, resources: ["invoices", "customers"] });
    expect(saved.updatedAt).toBeInstanceOf(Date);
    const status = await getSyncStatus(db, a, NOW);
    expect(status.settings).toEqual({ ...input, resources: ["invoices", "customers"], updatedAt: saved.updatedAt!.toISOString() });
    const ended = new Date(status.lastRun!.finishedAt!).getTime();
    expect(status.nextRunAt).toBe(new Date(ended + 15 * 60_000).toISOString());
    // b is untouched by a's save.
    expect((await getSyncSettings(db, b)).updatedAt).toBeNull();

    await saveSyncSettings(db, a, { ...input, resources: ["articles"], paused: true });
    expect((await getSyncStatus(db, a, NOW)).nextRunAt).toBeNull();
    expect((await getSyncSettings(db, a)).resources).toEqual(["articles"]);
  });
});

describe("sync settings validation", () => {
  const form = (entries: [string, string][]) => {
    const fd = new FormData();
    for (const [k, v] of entries) fd.append(k, v);
    return formDataToObject(fd);
  };

  it("rejects bad input with an error for every bad field at once", () => {
    const parsed = syncSettingsSchema.safeParse({ resources: [], intervalMinutes: 7, realtime: true, reconcileIntervalHours: 5, paused: false });
    expect(parsed.success).toBe(false);
    expect(Object.keys(fieldErrors(parsed.error!)).sort()).toEqual(["intervalMinutes", "reconcileIntervalHours", "resources"]);
    expect(syncSettingsSchema.safeParse({ ...DEFAULT_SYNC_SETTINGS, resources: ["vouchers"] }).success).toBe(false);
  });

  it("reads the posted form: ticked boxes become names and booleans, unticked ones false", () => {
    const parsed = syncSettingsFormSchema.safeParse(form([["connectionId", "x"], ["resources.0", "customers"], ["resources.2", "invoices"], ["intervalMinutes", "30"], ["reconcileIntervalHours", "24"], ["paused", "on"]]));
    expect(parsed.data).toEqual({ resources: ["customers", "invoices"], intervalMinutes: 30, realtime: false, reconcileIntervalHours: 24, paused: true });
  });

  it("reports an empty or tampered form field by field, each once, in the form's words and language", () => {
    const parsed = syncSettingsFormSchema.safeParse(form([["resources.0", "customers"], ["resources.1", "vouchers"], ["intervalMinutes", ""], ["reconcileIntervalHours", "abc"]]));
    expect(parsed.success).toBe(false);
    // One reference per field, at the field the form marks (never `resources.1`); actions translate them.
    const fields = Object.fromEntries(Object.entries(fieldErrors(parsed.error!)).map(([k, refs]) => [k, refs.map((r) => translateRef(r, sv))]));
    expect(fields).toEqual({
      resources: [sv["sync.settings.error.resources"]],
      intervalMinutes: [sv["sync.settings.error.intervalMinutes"]],
      reconcileIntervalHours: [sv["sync.settings.error.reconcileIntervalHours"]],
    });
  });
});
