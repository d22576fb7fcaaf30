/**
 * Test harness for talking to the Fortnox sandbox the way a real client would: it runs as its own
 * process (`npm run sandbox`), and tests reach it over HTTP only — the portal never imports it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

export interface SandboxApp {
  clientId: string;
  clientSecret: string;
}

export interface SandboxDatabase {
  tenantId: number;
  companyName: string;
  users: { id: string; name: string; email: string; sysAdmin: boolean }[];
}

export interface SandboxProcess {
  url: string;
  stop(): Promise<void>;
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A client for the sandbox's JSON control API at `url`. */
export function sandboxControl(url: string) {
  return async function control<T = unknown>(method: string, p: string, body?: unknown): Promise<T> {
    const res = await fetch(`${url}/developer/api${p}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox ${method} ${p} → ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/** Start a fresh in-memory sandbox in test mode. */
export async function startSandbox(args: string[] = []): Promise<SandboxProcess> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const child: ChildProcess = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), ["sandbox/cli.ts", "--port", String(port), "--test-mode", ...args], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
  // Generous: on a loaded CI machine tsx alone can take half a minute to start.
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sandbox exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error("sandbox did not start within 90 s");
    const ok = await fetch(`${url}/developer/api/apps`).then((r) => r.ok).catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      });
    },
    control: sandboxControl(url),
  };
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w-]+)\s*=\s*"([^"]*)"/g)) out[m[1]!.toLowerCase()] = m[2]!.replace(/&amp;/g, "&").replace(/&quot;/g, '"');
  return out;
}

/**
 * Walk the sandbox's consent page like a browser: GET /oauth-v1/auth, fill in the company and user,
 * press approve (or deny), and return where the sandbox redirects to.
 */
export async function consent(
  sandboxUrl: string,
  params: Record<string, string>,
  choice: { tenantId: number; userIndex?: number; userId?: string; decision?: "approve" | "deny" },
): Promise<URL> {
  const authUrl = `${sandboxUrl}/oauth-v1/auth?${new URLSearchParams(params).toString()}`;
  const page = await fetch(authUrl, { redirect: "manual" });
  if (page.status >= 300 && page.status < 400) return new URL(page.headers.get("location")!);
  const html = await page.text();
  const form = html.match(/<form[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i) ?? html.match(/<form[^>]*>([\s\S]*?)<\/form>/i);
  if (!form) throw new Error(`no consent form on ${authUrl}: ${html.slice(0, 300)}`);
  const action = new URL(attrs(form[0].slice(0, form[0].indexOf(">") + 1)).action ?? "/oauth-v1/auth", sandboxUrl);
  const body = new URLSearchParams();
  for (const m of form[1]!.matchAll(/<input[^>]*>/gi)) {
    const a = attrs(m[0]);
    if (a.name && a.type === "hidden") body.set(a.name, a.value ?? "");
  }
  for (const m of form[1]!.matchAll(/<select[^>]*>([\s\S]*?)<\/select>/gi)) {
    const name = attrs(m[0].slice(0, m[0].indexOf(">") + 1)).name!;
    const options = [...m[1]!.matchAll(/<option[^>]*value="([^"]*)"[^>]*>([^<]*)</gi)].map((o) => ({ value: o[1]!, text: o[2]! }));
    const byUser = choice.userId === undefined ? undefined : options.find((o) => o.value === `${choice.tenantId}:${choice.userId}`);
    const byTenant = byUser ?? options.find((o) => o.value === String(choice.tenantId) || o.value.startsWith(`${choice.tenantId}:`));
    body.set(name, (byTenant ?? options[choice.userIndex ?? 0] ?? options[0])?.value ?? "");
  }
  const wanted = choice.decision ?? "approve";
  const button = [...form[1]!.matchAll(/<button[^>]*>[\s\S]*?<\/button>/gi)]
    .map((b) => ({ a: attrs(b[0].slice(0, b[0].indexOf(">") + 1)), text: b[0] }))
    .find((b) => (wanted === "approve" ? /approve|godk/i : /deny|neka/i).test(`${b.a.value ?? ""} ${b.text}`));
  if (button?.a.name) body.set(button.a.name, button.a.value ?? "");
  const res = await fetch(action, { method: "POST", body, redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" } });
  const location = res.headers.get("location");
  if (!location) throw new Error(`consent did not redirect (${res.status}): ${(await res.text()).slice(0, 300)}`);
  return new URL(location, sandboxUrl);
}
