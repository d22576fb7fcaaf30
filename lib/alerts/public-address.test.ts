import { describe, expect, it } from "vitest";

import type { LookupAddress } from "node:dns";

import { isPublicAddress, publicOnlyLookup, resolvesToPublic } from "./public-address";

describe("alert webhook targets", () => {
  it("refuses the deployment's own networks and accepts public addresses", () => {
    for (const ip of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "::", "fe80::1", "fd00::1", "::ffff:127.0.0.1"]) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
    for (const ip of ["93.184.216.34", "172.32.0.1", "8.8.8.8", "2001:4860:4860::8888", "::ffff:8.8.8.8"]) expect(isPublicAddress(ip), ip).toBe(true);
    expect(isPublicAddress("not-an-ip")).toBe(false);
  });

  it("checks what a URL's host resolves to, literal addresses included", async () => {
    expect(await resolvesToPublic("http://127.0.0.1:8080/hook")).toBe(false);
    expect(await resolvesToPublic("http://[::1]/hook")).toBe(false);
    expect(await resolvesToPublic("http://localhost/hook")).toBe(false);
    expect(await resolvesToPublic("https://93.184.216.34/hook")).toBe(true);
  });

  it("connects only where every resolved address is public, and to one of exactly those", async () => {
    const answers: Record<string, { address: string; family: number }[]> = {
      "public.example": [
        { address: "93.184.216.34", family: 4 },
        { address: "2606:2800:220:1::1", family: 6 },
      ],
      "mixed.example": [
        { address: "93.184.216.34", family: 4 },
        { address: "10.0.0.7", family: 4 },
      ],
      "empty.example": [],
    };
    const lookup = publicOnlyLookup((host) => Promise.resolve(answers[host] ?? []));
    const one = (host: string, family = 0) =>
      new Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }>((resolve) => lookup(host, { family }, (error, address, fam) => resolve({ error, address, family: fam })));
    expect(await one("public.example")).toEqual({ error: null, address: "93.184.216.34", family: 4 });
    expect(await one("public.example", 6)).toEqual({ error: null, address: "2606:2800:220:1::1", family: 6 });
    expect((await one("mixed.example")).error?.message).toMatch(/private or local address/);
    expect((await one("empty.example")).error?.message).toMatch(/private or local address/);
    const all = await new Promise<LookupAddress[]>((resolve, reject) => lookup("public.example", { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses as LookupAddress[]))));
    expect(all.map((a) => a.address)).toEqual(["93.184.216.34", "2606:2800:220:1::1"]);
  });
});
