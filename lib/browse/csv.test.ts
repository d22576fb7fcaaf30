import { describe, expect, it } from "vitest";

import { csvCell, csvHeader, csvRow, quoteCsv, type CsvColumn } from "./csv";

const yesNo: [string, string] = ["Ja", "Nej"];

describe("CSV", () => {
  it("quotes separators, quotes and line breaks only", () => {
    expect(quoteCsv("Kaffe AB")).toBe("Kaffe AB");
    expect(quoteCsv("A;B")).toBe('"A;B"');
    expect(quoteCsv('Säg "hej"')).toBe('"Säg ""hej"""');
    expect(quoteCsv("rad 1\nrad 2")).toBe('"rad 1\nrad 2"');
  });

  it("writes amounts with a decimal comma in Swedish and a point in English, dates as ISO", () => {
    expect(csvCell({ amount: 1234.5 }, "sv", yesNo)).toBe('"1234,50"');
    expect(csvCell({ amount: 1234.5 }, "en", yesNo)).toBe("1234.50");
    expect(csvCell({ amount: -12 }, "sv", yesNo)).toBe('"-12,00"');
    expect(csvCell({ number: 2.5 }, "sv", yesNo)).toBe('"2,5"');
    expect(csvCell({ date: "2026-03-15" }, "sv", yesNo)).toBe("2026-03-15");
    expect(csvCell({ amount: null }, "sv", yesNo)).toBe("");
    expect(csvCell({ bool: false }, "sv", yesNo)).toBe("Nej");
  });

  it("neutralises text that a spreadsheet would run as a formula", () => {
    expect(csvCell({ text: "=HYPERLINK(1)" }, "sv", yesNo)).toBe("'=HYPERLINK(1)");
    expect(csvCell({ text: "-5 AB" }, "sv", yesNo)).toBe("'-5 AB");
    expect(csvCell({ text: null }, "sv", yesNo)).toBe("");
  });

  it("ends lines with CRLF and separates with semicolons", () => {
    const columns: CsvColumn<{ n: number; name: string }>[] = [
      { header: "Nr", cell: (r) => ({ number: r.n }) },
      { header: "Namn", cell: (r) => ({ text: r.name }) },
    ];
    expect(csvHeader(columns)).toBe("Nr;Namn\r\n");
    expect(csvRow(columns, { n: 7, name: "Öst; Väst" }, "sv", yesNo)).toBe('7;"Öst; Väst"\r\n');
  });
});
