import { request } from "node:http";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createSandbox, type RunningSandbox } from "../src/server";

/**
 * Local by default: the developer portal and control API refuse foreign Host (DNS rebinding) and
 * foreign Origin (CSRF) headers, and non-JSON bodies. Requests go out through node:http so the test
 * can send the exact Host and Origin a hostile page would make a browser send.
 */

interface Raw {
  status: number;
  text: string;
}

function raw(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, headers: { host: `localhost:${port}`, ...headers } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const APP = JSON.stringify({ name: "Guarded", redirectUris: ["http://localhost:3999/cb"], scopes: ["customer"] });
const json = { "content-type": "application/json" };

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await createSandbox({ testMode: true });
});
afterAll(async () => sb.close());

const appCount = () => sb.sandbox.state.apps.size;

describe("control API: same origin only", () => {
  it("creates an app for a same-origin JSON request, with or without Origin", async () => {
    const before = appCount();
    expect((await raw(sb.port, "POST", "/developer/api/apps", { ...json, origin: `http://localhost:${sb.port}` }, APP)).status).toBe(201);
    expect((await raw(sb.port, "POST", "/developer/api/apps", { "content-type": "application/json; charset=utf-8" }, APP)).status).toBe(201);
    expect((await raw(sb.port, "POST", "/developer/api/apps", { ...json, host: `127.0.0.1:${sb.port}`, origin: `http://127.0.0.1:${sb.port}` }, APP)).status).toBe(201);
    expect((await raw(sb.port, "GET", "/developer/api/apps", { host: `LOCALHOST:${sb.port}` })).status).toBe(200);
    expect((await raw(sb.port, "GET", "/developer/api/apps", { host: `[::1]:${sb.port}` })).status).toBe(200);
    expect(appCount()).toBe(before + 3);
  });

  it("refuses a foreign Origin with 403 and changes nothing (CSRF)", async () => {
    const before = appCount();
    for (const origin of ["http://evil.example", `http://localhost:${sb.port + 1}`, "null", `https://localhost:${sb.port}`]) {
      const res = await raw(sb.port, "POST", "/developer/api/apps", { ...json, origin }, APP);
      expect(res.status, origin).toBe(403);
      expect(JSON.parse(res.text)).toEqual({ error: expect.stringMatching(/other web pages/) as string });
    }
    expect((await raw(sb.port, "PUT", "/developer/api/speed", { ...json, origin: "http://evil.example" }, '{"scale":10}')).status).toBe(403);
    expect((await raw(sb.port, "PUT", "/developer/api/faults", { ...json, origin: "http://evil.example" }, '{"latencyMs":5000}')).status).toBe(403);
    expect(appCount()).toBe(before);
    expect(sb.sandbox.faults.latencyMs).toBe(0);
  });

  it("refuses a foreign Host with 403, pages included (DNS rebinding would read the client secrets)", async () => {
    for (const host of [`evil.example:${sb.port}`, "evil.example", `localhost:${sb.port + 1}`, `localhost.evil.example:${sb.port}`, "localhost@evil.example"]) {
      expect((await raw(sb.port, "GET", "/developer/api/apps", { host })).status, host).toBe(403);
      expect((await raw(sb.port, "GET", "/developer", { host })).status, host).toBe(403);
      expect((await raw(sb.port, "GET", "/", { host })).status, host).toBe(403);
      expect((await raw(sb.port, "GET", "/appmarket", { host })).status, host).toBe(403);
    }
    const before = appCount();
    expect((await raw(sb.port, "POST", "/developer/api/apps", { ...json, host: `attacker.example:${sb.port}` }, APP)).status).toBe(403);
    expect(appCount()).toBe(before);
  });

  it("refuses form-encoded and text bodies with 415 (a cross-site form needs no preflight)", async () => {
    const before = appCount();
    const form = "name=x&redirectUris=http://localhost/cb&scopes=customer";
    expect((await raw(sb.port, "POST", "/developer/api/apps", { "content-type": "application/x-www-form-urlencoded" }, form)).status).toBe(415);
    expect((await raw(sb.port, "POST", "/developer/api/apps", { "content-type": "text/plain" }, APP)).status).toBe(415);
    expect((await raw(sb.port, "POST", "/developer/api/apps", { "content-type": "multipart/form-data; boundary=x" }, APP)).status).toBe(415);
    expect((await raw(sb.port, "POST", "/developer/api/apps", {}, APP)).status).toBe(415);
    expect((await raw(sb.port, "PUT", "/developer/api/speed", { "content-type": "text/plain" }, '{"scale":2}')).status).toBe(415);
    expect(appCount()).toBe(before);
    expect(sb.sandbox.state.speedScale).toBe(1);
  });

  it("lets a write without a body through whatever its content type (nothing to smuggle)", async () => {
    expect((await raw(sb.port, "DELETE", "/developer/api/requests")).status).toBe(204);
    expect((await raw(sb.port, "DELETE", "/developer/api/requests", { "content-type": "text/plain" })).status).toBe(204);
  });

  it("leaves Fortnox's own endpoints alone: /3 and /oauth-v1 answer any Host, as api.fortnox.se does behind any name", async () => {
    expect((await raw(sb.port, "GET", "/3/companyinformation", { host: "api.fortnox.example", origin: "http://evil.example" })).status).toBe(401);
    expect((await raw(sb.port, "POST", "/oauth-v1/token", { host: "apps.fortnox.example", "content-type": "application/x-www-form-urlencoded" }, "grant_type=refresh_token&refresh_token=x")).status).toBe(401);
  });
});

describe("--public-url adds its host and origin", () => {
  it("answers to the public name and its origin, still refuses others", async () => {
    const pub = await createSandbox({ publicUrl: "https://sandbox.example.se" });
    try {
      expect((await raw(pub.port, "GET", "/developer/api/apps", { host: "sandbox.example.se" })).status).toBe(200);
      expect((await raw(pub.port, "POST", "/developer/api/apps", { ...json, host: "sandbox.example.se", origin: "https://sandbox.example.se" }, APP)).status).toBe(201);
      expect((await raw(pub.port, "GET", "/developer/api/apps", { host: `localhost:${pub.port}` })).status).toBe(200);
      expect((await raw(pub.port, "POST", "/developer/api/apps", { ...json, host: "sandbox.example.se", origin: "http://sandbox.example.se" }, APP)).status).toBe(403);
      expect((await raw(pub.port, "GET", "/developer/api/apps", { host: "other.example.se" })).status).toBe(403);
    } finally {
      await pub.close();
    }
  });

  it("refuses to start with a public URL that is not a URL", async () => {
    await expect(createSandbox({ publicUrl: "localhost:4000" })).rejects.toThrow(/absolute http\(s\) URL/);
  });
});
