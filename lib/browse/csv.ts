import { formatDecimal } from "@/lib/format";

/*
 * CSV that Swedish Excel opens correctly by double-click: UTF-8 with a BOM (else Excel guesses
 * Windows-1252 and breaks å, ä, ö), semicolons between fields (Swedish Excel's list separator, as
 * the comma is the decimal separator), CRLF line ends, ISO dates, and quoting per RFC 4180.
 */

export const CSV_BOM = "\uFEFF";
export const CSV_SEPARATOR = ";";

export type CsvCell = { text: string | null } | { amount: number | null } | { number: number | null } | { date: string | null } | { bool: boolean | null };

export interface CsvColumn<Row> {
  header: string;
  cell: (row: Row) => CsvCell;
}

/** Quote a field when it holds a separator, quote or line break. */
export function quoteCsv(value: string): string {
  return /[;",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Text from Fortnox could start with =, +, - or @, which a spreadsheet would run as a formula
 * (CSV injection); such text gets a leading apostrophe. Numbers are never touched.
 */
function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvCell(cell: CsvCell, locale: "sv" | "en", yesNo: [string, string]): string {
  if ("text" in cell) return cell.text === null ? "" : quoteCsv(neutralise(cell.text));
  if ("amount" in cell) return quoteCsv(formatDecimal(cell.amount, locale, 2));
  if ("number" in cell) return quoteCsv(formatDecimal(cell.number, locale));
  if ("date" in cell) return cell.date ?? "";
  return cell.bool === null ? "" : quoteCsv(cell.bool ? yesNo[0] : yesNo[1]);
}

export function csvLine(fields: string[]): string {
  return `${fields.join(CSV_SEPARATOR)}\r\n`;
}

export function csvHeader<Row>(columns: CsvColumn<Row>[]): string {
  return csvLine(columns.map((c) => quoteCsv(c.header)));
}

export function csvRow<Row>(columns: CsvColumn<Row>[], row: Row, locale: "sv" | "en", yesNo: [string, string]): string {
  return csvLine(columns.map((c) => csvCell(c.cell(row), locale, yesNo)));
}
