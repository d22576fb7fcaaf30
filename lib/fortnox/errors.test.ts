import { describe, expect, it } from "vitest";

import { AppError } from "@/lib/errors";

import { FortnoxError, fortnoxErrorFromResponse, fortnoxNetworkError, parseErrorBody, parseRetryAfter, toAppError } from "./errors";

describe("Fortnox error bodies", () => {
  it("reads ErrorInformation in both key casings", () => {
    expect(parseErrorBody({ ErrorInformation: { Error: 1, Message: "Kunde inte hitta konto", Code: 2001304 } })).toEqual({ code: 2001304, message: "Kunde inte hitta konto" });
    expect(parseErrorBody({ ErrorInformation: { error: 1, message: "Ogiltig parameter i anropet.", code: 2000588 } })).toEqual({ code: 2000588, message: "Ogiltig parameter i anropet." });
  });

  it("accepts a code sent as a string, and a lower-case wrapper or none at all", () => {
    expect(parseErrorBody({ ErrorInformation: { error: "1", message: "x", code: "2000588" } }).code).toBe(2000588);
    expect(parseErrorBody({ errorInformation: { Message: "y", Code: " 2000663 " } })).toEqual({ code: 2000663, message: "y" });
    expect(parseErrorBody({ error: 1, message: "z", code: 2001101 })).toEqual({ code: 2001101, message: "z" });
    expect(parseErrorBody({ ErrorInformation: { message: "m", code: "n/a" } }).code).toBeUndefined();
  });

  it("reads the bare 401 body and non-JSON bodies", () => {
    const e = fortnoxErrorFromResponse(401, { message: "unauthorized" });
    expect(e).toMatchObject({ status: 401, code: undefined, message: "unauthorized", retryable: false });
    expect(fortnoxErrorFromResponse(502, "<html>Bad gateway</html>").message).toBe("<html>Bad gateway</html>");
    expect(fortnoxErrorFromResponse(500, null).message).toBe("Fortnox answered HTTP 500");
  });

  it("marks 429, 5xx and network failures retryable and reads Retry-After", () => {
    const limited = fortnoxErrorFromResponse(429, { message: "Too Many Requests" }, "2");
    expect(limited).toMatchObject({ status: 429, retryable: true, retryAfterMs: 2000 });
    expect(fortnoxErrorFromResponse(429, "", null)).toMatchObject({ message: "Too Many Requests", retryAfterMs: undefined });
    expect(fortnoxErrorFromResponse(500, { ErrorInformation: { Error: 1, Message: "System exception", Code: 1000003 } })).toMatchObject({ code: 1000003, retryable: true });
    expect(fortnoxErrorFromResponse(400, { ErrorInformation: { error: 1, message: "x", code: 2000108 } }).retryable).toBe(false);
    expect(fortnoxNetworkError(new TypeError("fetch failed", { cause: new Error("ECONNRESET") }))).toMatchObject({ status: 0, retryable: true, message: "Fortnox could not be reached: ECONNRESET" });
  });

  it("parses Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("1")).toBe(1000);
    expect(parseRetryAfter("0.5")).toBe(500);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:05 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(5000);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe("toAppError", () => {
  const body = (message: string, code: number) => ({ ErrorInformation: { error: 1, message, code } });
  const cases: [string, FortnoxError, string][] = [
    ["401", fortnoxErrorFromResponse(401, { message: "unauthorized" }), "fortnox_reconnect_required"],
    ["invalid login code", fortnoxErrorFromResponse(400, body("Ogiltig inloggning", 2000310)), "fortnox_reconnect_required"],
    ["429", fortnoxErrorFromResponse(429, {}), "fortnox_rate_limited"],
    ["500", fortnoxErrorFromResponse(500, body("System exception", 1000003)), "fortnox_unavailable"],
    ["network", fortnoxNetworkError(new Error("ECONNRESET")), "fortnox_unavailable"],
    ["403 scope", fortnoxErrorFromResponse(403, body("Har inte behörighet för scope", 2000663)), "forbidden"],
    ["licence as 400", fortnoxErrorFromResponse(400, body("Det finns ingen aktiv licens för önskat scope", 2001101)), "forbidden"],
    ["permission text with an unknown code", fortnoxErrorFromResponse(400, body("Saknar behörighet för kundregister.", 2009999)), "forbidden"],
    ["404", fortnoxErrorFromResponse(404, body("Kan inte hitta", 2000423)), "not_found"],
    ["validation", fortnoxErrorFromResponse(400, body("Kunde inte hitta konto", 2001304)), "fortnox_rejected"],
  ];
  it.each(cases)("maps %s", (_name, error, code) => {
    const app = toAppError(error);
    expect(app).toBeInstanceOf(AppError);
    expect(app.code).toBe(code);
    expect(app.cause).toBe(error);
  });

  it("keeps Fortnox's message and code on a rejection, and passes AppErrors through", () => {
    expect(toAppError(fortnoxErrorFromResponse(400, body("Kunde inte hitta konto", 2001304))).message).toBe("Fortnox rejected the request: Kunde inte hitta konto (2001304)");
    const own = new AppError("fortnox_reconnect_required", "reconnect");
    expect(toAppError(own)).toBe(own);
    expect(toAppError(new Error("boom")).code).toBe("internal");
  });
});

describe("error classes across bundles", () => {
  it("recognises a FortnoxError or AppError made by another copy of the class (Next bundles each entry separately)", () => {
    // A structurally separate copy: what another bundle's module instance would construct.
    const foreign = Object.assign(new Error("x"), { [Symbol.for("brygga.FortnoxError")]: true, status: 404, code: 2000433 });
    const foreignApp = Object.assign(new Error("y"), { [Symbol.for("brygga.AppError")]: true, code: "not_found", status: 404 });
    expect(foreign instanceof FortnoxError).toBe(true);
    expect(foreignApp instanceof AppError).toBe(true);
    expect(new Error("z") instanceof FortnoxError).toBe(false);
    expect(toAppError(foreign).code).toBe("not_found");
  });
});
