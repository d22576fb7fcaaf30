import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { dictionaries, type MessageKey } from "@/lib/i18n/dictionaries";

import { ResultCount } from "./result-count";

const translator = (locale: "sv" | "en") => (key: MessageKey, vars: Record<string, string> = {}) => dictionaries[locale][key].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? "");
const text = (html: string) => html.replace(/<[^>]+>/g, "");

describe("the result count above a list", () => {
  it("gives exact counts as they are, estimates rounded and marked, and 'more than' when there is no figure", () => {
    const sv = translator("sv");
    expect(text(renderToStaticMarkup(<ResultCount count={{ total: 2500, exact: true }} start={0} shown={25} t={sv} locale="sv" />))).toBe("1–25 av 2\u00a0500");
    expect(text(renderToStaticMarkup(<ResultCount count={{ total: 100_033, exact: false }} start={25} shown={25} t={sv} locale="sv" />))).toMatch(/^26–50 av ca 100\u00a0000\(/);
    expect(text(renderToStaticMarkup(<ResultCount count={{ total: 2000, exact: false, over: true }} start={0} shown={25} t={sv} locale="sv" />))).toMatch(/^1–25 av fler än 2\u00a0000\(/);
    const en = translator("en");
    expect(text(renderToStaticMarkup(<ResultCount count={{ total: 2000, exact: false, over: true }} start={null} shown={25} t={en} locale="en" />))).toMatch(/^more than 2\u00a0000 results\(/);
    expect(text(renderToStaticMarkup(<ResultCount count={{ total: 0, exact: true }} start={0} shown={0} t={en} locale="en" />))).toBe("No results");
  });
});
