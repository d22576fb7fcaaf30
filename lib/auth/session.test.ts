import { encode } from "next-auth/jwt";
import type * as NextAuthJwt from "next-auth/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";

const SECRET = "s".repeat(44);
const request = vi.hoisted(() => ({ headers: new Headers() }));
const auth = vi.hoisted(() => vi.fn());
const jwt = vi.hoisted(() => ({ decodes: 0 }));
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(request.headers) }));
vi.mock("@/lib/env", () => ({ getEnv: () => ({ authSecret: SECRET }) }));
vi.mock("./config", () => ({ auth }));
vi.mock("next-auth/jwt", async (original) => {
  const real = await original<typeof NextAuthJwt>();
  return { ...real, decode: (p: Parameters<typeof real.decode>[0]) => (jwt.decodes++, real.decode(p)) };
});

const { readSession } = await import("./session");

const PLAIN = "authjs.session-token";
const SECURE = "__Secure-authjs.session-token";
const seal = (claims: Record<string, unknown>, salt = PLAIN, secret = SECRET, maxAge = 3600) => encode({ token: claims, secret, salt, maxAge });

function sendCookies(cookies: Record<string, string>, extra: Record<string, string> = {}) {
  request.headers = new Headers({ cookie: Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join("; "), ...extra });
}

describe("readSession", () => {
  beforeEach(() => {
    jwt.decodes = 0;
    auth.mockReset();
  });

  it("reads the ids from the session cookie, under either cookie name", async () => {
    sendCookies({ [PLAIN]: await seal({ uid: "u1", cid: "c1", sid: "s1" }) });
    expect(await readSession()).toEqual({ userId: "u1", connectionId: "c1", sessionId: "s1" });
    sendCookies({ [SECURE]: await seal({ uid: "u2", cid: "c2", sid: "s2" }, SECURE) });
    expect(await readSession()).toEqual({ userId: "u2", connectionId: "c2", sessionId: "s2" });
  });

  it("decrypts each distinct cookie once", async () => {
    sendCookies({ [PLAIN]: await seal({ uid: "u3", cid: "c3", sid: "s" }) });
    for (let i = 0; i < 5; i++) expect((await readSession())?.userId).toBe("u3");
    expect(jwt.decodes).toBe(1);
  });

  it("refuses a cookie sealed with another secret, under the other name's salt, tampered, or expired", async () => {
    sendCookies({ [PLAIN]: await seal({ uid: "u4", sid: "s" }, PLAIN, "x".repeat(44)) });
    expect(await readSession()).toBeNull();
    sendCookies({ [PLAIN]: await seal({ uid: "u4", sid: "s" }, SECURE) });
    expect(await readSession()).toBeNull();
    const good = await seal({ uid: "u4", sid: "s" });
    sendCookies({ [PLAIN]: `${good.slice(0, -4)}AAAA` });
    expect(await readSession()).toBeNull();
    sendCookies({ [PLAIN]: await seal({ uid: "u4", sid: "s" }, PLAIN, SECRET, -10) });
    expect(await readSession()).toBeNull();
  });

  it("forgets a cached session once it expires", async () => {
    vi.useFakeTimers({ now: Date.now(), toFake: ["Date"] });
    try {
      sendCookies({ [PLAIN]: await seal({ uid: "u5", sid: "s" }, PLAIN, SECRET, 60) });
      expect(await readSession()).not.toBeNull();
      vi.setSystemTime(Date.now() + 61_000);
      expect(await readSession()).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses a cookie without a server-side session id (issued before sessions were kept)", async () => {
    sendCookies({ [PLAIN]: await seal({ uid: "u8", cid: "c8" }) });
    expect(await readSession()).toBeNull();
  });

  it("ignores Authorization headers and requests without a session cookie", async () => {
    sendCookies({ other: "1" }, { authorization: `Bearer ${await seal({ uid: "u6", sid: "s" })}` });
    expect(await readSession()).toBeNull();
  });

  it("lets Auth.js re-issue a cookie older than an hour, and only then", async () => {
    sendCookies({ [PLAIN]: await seal({ uid: "u7", sid: "s" }) });
    await readSession();
    expect(auth).not.toHaveBeenCalled();
    vi.useFakeTimers({ now: Date.now() - 3_700_000, toFake: ["Date"] });
    const older = await seal({ uid: "u7", sid: "s" }, PLAIN, SECRET, 8 * 3600);
    vi.useRealTimers();
    sendCookies({ [PLAIN]: older });
    expect((await readSession())?.userId).toBe("u7");
    expect(auth).toHaveBeenCalledTimes(1);
  });
});
