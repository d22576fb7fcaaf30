/*
 * Swedish identity numbers as a Fortnox customer's OrganisationNumber: a company's
 * organisationsnummer, or a private person's personnummer / samordningsnummer (Fortnox keeps both
 * in the same field, and a sole trader's company number is the owner's personnummer).
 *
 * - 10 digits `YYMMDD-NNNN` or 12 with the century `CCYYMMDD-NNNN`; the dash may be left out.
 * - `+` instead of the dash: a person aged 100 or more (10 digits only).
 * - The last ten digits pass the Luhn check.
 * - Organisation numbers have "month" digits of 20 or more; a 12-digit form starts with 16.
 * - Personnummer have a real date (day + 60 for a samordningsnummer).
 * So 000000-0000, which passes Luhn, is refused: month 00 is neither.
 */

export type IdentityProblem = "format" | "checksum" | "invalid";

/** The Luhn check used by Swedish organisation and personal identity numbers. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

const SHAPE = /^(\d{6}|\d{8})([-+]?)(\d{4})$/;

function daysIn(year: number | null, month: number): number {
  if (month === 2) return year === null || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function validPersonDate(century: string | null, yymmdd: string): boolean {
  const month = Number(yymmdd.slice(2, 4));
  let day = Number(yymmdd.slice(4, 6));
  if (day > 60) day -= 60; // samordningsnummer
  if (month < 1 || month > 12 || day < 1) return false;
  const year = century === null ? null : Number(century + yymmdd.slice(0, 2));
  if (century !== null && !["18", "19", "20"].includes(century)) return false;
  return day <= daysIn(year, month);
}

/** Why `input` is not a Swedish identity number, or null when it is one. */
export function identityNumberProblem(input: string): IdentityProblem | null {
  const m = SHAPE.exec(input.trim());
  if (!m) return "format";
  const [, head, sep, tail] = m as unknown as [string, string, string, string];
  if (sep === "+" && head.length === 8) return "format";
  const ten = head.slice(-6) + tail;
  if (!luhnValid(ten)) return "checksum";
  const century = head.length === 8 ? head.slice(0, 2) : null;
  const isOrganisation = Number(ten.slice(2, 4)) >= 20;
  if (isOrganisation) return sep === "+" || (century !== null && century !== "16") ? "invalid" : null;
  return validPersonDate(century, ten.slice(0, 6)) ? null : "invalid";
}

/** Fortnox's form: the digits with a dash before the last four (a centenarian's `+` is kept). */
export function normaliseIdentityNumber(input: string): string {
  const m = SHAPE.exec(input.trim())!;
  return `${m[1]}${m[2] === "+" ? "+" : "-"}${m[3]}`;
}
