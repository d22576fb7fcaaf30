import { lookup } from "node:dns/promises";
import type { LookupFunction } from "node:net";
import { isIPv4, isIPv6 } from "node:net";

/**
 * Alert webhooks are URLs a company's administrator types, fetched by Brygga's server. In
 * production they must reach the public internet only, never the deployment's own network
 * (loopback, private, link-local such as cloud metadata at 169.254.169.254, carrier-grade NAT).
 * Checked on the resolved addresses just before each attempt (literal addresses included), and
 * again by the connection itself: `publicOnlyLookup` is the resolver the request connects with, so
 * a DNS answer that changes between the check and the connection (rebinding) is refused too.
 */
const V4_BLOCKED: [number, number][] = [
  [0x00000000, 8], // 0.0.0.0/8
  [0x0a000000, 8], // 10/8
  [0x64400000, 10], // 100.64/10
  [0x7f000000, 8], // 127/8
  [0xa9fe0000, 16], // 169.254/16
  [0xac100000, 12], // 172.16/12
  [0xc0a80000, 16], // 192.168/16
  [0xe0000000, 3], // multicast and reserved
];

function v4(ip: string): number {
  return ip.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

export function isPublicAddress(ip: string): boolean {
  if (isIPv4(ip)) {
    const n = v4(ip);
    return !V4_BLOCKED.some(([base, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)));
  }
  if (!isIPv6(ip)) return false;
  const lower = ip.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return isPublicAddress(mapped[1]!);
  if (lower === "::" || lower === "::1") return false;
  // fc00::/7 unique local, fe80::/10 link-local, ff00::/8 multicast.
  return !/^(f[cd]|fe[89ab]|ff)/.test(lower);
}

/** Resolves a host name to all its addresses (node:dns `lookup`; tests pass their own). */
export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;
const systemResolver: Resolver = (host) => lookup(host, { all: true });

export const PRIVATE_ADDRESS = "the URL resolves to a private or local address, which production refuses";

/** Whether every address the URL's host resolves to is public. */
export async function resolvesToPublic(url: string, resolve: Resolver = systemResolver): Promise<boolean> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  const addresses = isIPv4(host) || isIPv6(host) ? [host] : (await resolve(host)).map((a) => a.address);
  return addresses.length > 0 && addresses.every(isPublicAddress);
}

/**
 * A `lookup` for node:http(s) requests that connects only when every address the host resolves to
 * is public, and then to one of exactly those addresses.
 */
export function publicOnlyLookup(resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (answers) => {
        if (answers.length === 0 || !answers.every((a) => isPublicAddress(a.address))) {
          callback(Object.assign(new Error(PRIVATE_ADDRESS), { code: "EPRIVATEADDRESS" }), "", 0);
          return;
        }
        const wanted = answers.filter((a) => !options.family || a.family === options.family);
        if (wanted.length === 0) callback(Object.assign(new Error(`${hostname} has no IPv${options.family} address`), { code: "ENOTFOUND" }), "", 0);
        else if (options.all) callback(null, wanted);
        else callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}
