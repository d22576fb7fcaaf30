import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";

/**
 * POSTs `body` to `url` and answers with the response's status (its body is discarded). Redirects
 * are not followed. node:http rather than fetch because the connection must resolve its host
 * through `lookup`: production passes one that only connects to public addresses (./public-address.ts).
 */
export function postTo(url: string, init: { headers: Record<string, string>; body: string; timeoutMs: number; lookup?: LookupFunction }): Promise<number> {
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      target,
      { method: "POST", headers: { ...init.headers, "content-length": String(Buffer.byteLength(init.body)) }, lookup: init.lookup, signal: AbortSignal.timeout(init.timeoutMs) },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}
