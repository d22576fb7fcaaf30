import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

import { AppError } from "@/lib/errors";
import { msg } from "@/lib/forms/message-ref";

const guards = vi.hoisted(() => ({ requireCompany: vi.fn() }));
const cache = vi.hoisted(() => ({ revalidatePath: vi.fn() }));
const nav = vi.hoisted(() => ({ redirect: vi.fn((to: string) => { throw new Error(`NEXT_REDIRECT ${to}`); }) }));
vi.mock("@/lib/auth/guards", () => guards);
vi.mock("next/cache", () => cache);
vi.mock("next/navigation", () => nav);
vi.mock("@/lib/i18n/server", () => ({ getLocale: () => Promise.resolve("en") }));
vi.mock("@/lib/db/client", () => ({ getDb: () => Promise.resolve({}) }));
vi.mock("@/lib/fortnox/api", () => ({ getFortnoxApi: () => Promise.resolve({}) }));

const { defineAction } = await import("./define-action");

const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};
const schema = z.object({ name: z.string().min(1, msg("write.err.required")), price: z.preprocess(Number, z.number().min(0, msg("write.err.atLeast", { min: 0 }))) });

describe("defineAction", () => {
  const run = vi.fn();
  const action = defineAction({ schema, run, revalidate: () => ["/things"], redirectTo: (d: { id: string }) => `/things/${d.id}` });

  beforeEach(() => {
    vi.clearAllMocks();
    guards.requireCompany.mockResolvedValue({ viewer: {}, company: { connectionId: "c1", role: "member" } });
  });

  it("refuses a signed-out viewer and another tenant's connection before validating or writing", async () => {
    guards.requireCompany.mockRejectedValueOnce(new AppError("unauthenticated", "Sign in to continue."));
    expect(await action(null, form({ connectionId: "c1" }))).toEqual({ ok: false, code: "unauthenticated", message: "Sign in to continue." });
    guards.requireCompany.mockRejectedValueOnce(new AppError("not_found", "No such company connection."));
    expect(await action(null, form({ connectionId: "other" }))).toMatchObject({ ok: false, code: "not_found", message: "It does not exist, or it belongs to another company." });
    expect(guards.requireCompany).toHaveBeenLastCalledWith("other", undefined);
    expect(run).not.toHaveBeenCalled();
  });

  it("returns every field error, translated", async () => {
    const r = await action(null, form({ connectionId: "c1", name: "", price: "-1" }));
    expect(r).toEqual({ ok: false, code: "invalid_input", message: "Some details need correcting.", fields: { name: ["Fill in this field."], price: ["Must not be less than 0."] } });
    expect(run).not.toHaveBeenCalled();
  });

  it("maps a domain AppError with field references to a translated result", async () => {
    run.mockRejectedValueOnce(new AppError("fortnox_rejected", msg("write.error.fortnoxFields"), { customerNumber: [msg("write.err.customerNumberTaken")] }));
    const r = await action(null, form({ connectionId: "c1", name: "A", price: "1" }));
    expect(r).toMatchObject({ ok: false, code: "fortnox_rejected", fields: { customerNumber: [expect.stringContaining("already used in Fortnox")] } });
    expect(cache.revalidatePath).not.toHaveBeenCalled();
  });

  it("recognises an AppError from another bundle's copy of lib/errors", async () => {
    run.mockRejectedValueOnce(Object.assign(new Error("Fortnox no longer accepts this connection."), { [Symbol.for("brygga.AppError")]: true, name: "AppError", code: "fortnox_reconnect_required", status: 409 }));
    const r = await action(null, form({ connectionId: "c1", name: "A", price: "1" }));
    expect(r).toMatchObject({ ok: false, code: "fortnox_reconnect_required" });
    expect(!r.ok && r.message).toContain("Reconnect");
  });

  it("lets bugs throw, and redirects only after success, after revalidating", async () => {
    run.mockRejectedValueOnce(new TypeError("bug"));
    await expect(action(null, form({ connectionId: "c1", name: "A", price: "1" }))).rejects.toThrow("bug");
    run.mockResolvedValueOnce({ id: "7" });
    await expect(action(null, form({ connectionId: "c1", name: "A", price: "1" }))).rejects.toThrow("NEXT_REDIRECT /things/7");
    expect(cache.revalidatePath).toHaveBeenCalledWith("/things");
    expect(run.mock.calls.at(-1)![0]).toEqual({ name: "A", price: 1 });
  });

  it("checks the role when the action asks for one", async () => {
    const adminOnly = defineAction({ schema, role: "admin", run });
    guards.requireCompany.mockRejectedValueOnce(new AppError("forbidden", "Only the company's administrators may do this."));
    expect(await adminOnly(null, form({ connectionId: "c1" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(guards.requireCompany).toHaveBeenCalledWith("c1", "admin");
  });
});
