import { describe, expect, it } from "vitest";

import { isPublicAddress, resolvesToPublic } from "./public-address";

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
});
