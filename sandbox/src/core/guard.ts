import type { IncomingMessage } from "node:http";

/**
 * Local by default: the developer portal and its control API mint credentials, create companies
 * and rewrite data, so only the developer's own tools may drive them. A web page the developer
 * happens to open must not: a cross-site form post carries a foreign `Origin` (CSRF), and a
 * DNS-rebinding page reaches 127.0.0.1 under its own name, so its `Host` is foreign. Requiring a
 * JSON content type on writes also forces a CORS preflight on any cross-origin script, which the
 * sandbox never answers. Same-origin `fetch` from the portal's own pages, and Node clients (no
 * `Origin`), pass.
 */

export interface LocalGuard {
  /** Lower-case `host[:port]` values the sandbox answers to. */
  hosts: ReadonlySet<string>;
  /** Origins (scheme://host[:port]) whose pages may call it. */
  origins: ReadonlySet<string>;
}

export interface GuardRefusal {
  status: 403 | 415;
  error: string;
}

const LOOPBACK = ["localhost", "127.0.0.1", "[::1]"];

/** The sandbox's own names: loopback on its port, plus the host of `--public-url`. */
export function localGuard(port: number, publicUrl: string): LocalGuard {
  const origins = new Set<string>();
  for (const name of LOOPBACK) origins.add(new URL(`http://${name}:${port}`).origin);
  origins.add(new URL(publicUrl).origin);
  const hosts = new Set([...origins].map((o) => new URL(o).host));
  return { hosts, origins };
}

/** `Host` as URL would print it (lower-case, default port dropped), or null when it is not a host. */
function normaliseHost(value: string): string | null {
  if (!value || /[\s/?#@\\]/.test(value)) return null;
  try {
    return new URL(`http://${value}`).host;
  } catch {
    return null;
  }
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  if (length !== undefined) return Number(length) > 0;
  return req.headers["transfer-encoding"] !== undefined;
}

function isJson(contentType: string | undefined): boolean {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase() === "application/json";
}

/** Null when the request may proceed; else why not. `jsonOnly` adds the content-type rule (the JSON API). */
export function checkLocalRequest(guard: LocalGuard, req: IncomingMessage, jsonOnly: boolean): GuardRefusal | null {
  const host = normaliseHost(req.headers.host ?? "");
  if (!host || !guard.hosts.has(host)) {
    return { status: 403, error: `The sandbox's developer portal only answers to its own address (${[...guard.hosts].join(", ")}), not Host ${JSON.stringify(req.headers.host ?? "")}` };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !guard.origins.has(origin.toLowerCase())) {
    return { status: 403, error: `Requests from other web pages are refused (Origin ${JSON.stringify(origin)})` };
  }
  const method = req.method ?? "GET";
  if (jsonOnly && method !== "GET" && method !== "HEAD" && hasBody(req) && !isJson(req.headers["content-type"])) {
    return { status: 415, error: "The control API accepts JSON bodies only (content-type: application/json)" };
  }
  return null;
}
