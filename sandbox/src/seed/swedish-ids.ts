/**
 * Swedish identifiers and contact details: organisation numbers, personnummer, VAT numbers,
 * bankgiro, addresses and phone numbers, all with the formats and check digits real ones have.
 */
import { luhnCheckDigit } from "./luhn";
import type { Rng } from "./prng";
import { CITIES, STREETS, type City } from "./swedish-names";

/**
 * Organisation number "NNNNNN-NNNN". `prefix` fixes the leading digits (legal form: 55x/559 = AB,
 * 9xx = HB/KB, 769 = ekonomisk förening). The third digit is ≥ 2 for all of these, which is what
 * tells an org number apart from a personnummer.
 */
export function organisationNumber(rng: Rng, prefix: string): string {
  const nine = prefix + rng.digits(9 - prefix.length);
  const ten = nine + String(luhnCheckDigit(nine));
  return `${ten.slice(0, 6)}-${ten.slice(6)}`;
}

/** Personnummer "YYMMDD-NNNN" for someone born 1945–2005, with a valid Luhn digit. */
export function personnummer(rng: Rng): string {
  const year = rng.int(1945, 2005);
  const month = rng.int(1, 12);
  // Days in month via day 0 of the next month; avoids impossible dates like 0231.
  const day = rng.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  const date = `${String(year % 100).padStart(2, "0")}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}`;
  const nine = date + rng.digits(3);
  return `${date}-${nine.slice(6)}${luhnCheckDigit(nine)}`;
}

/** Momsregistreringsnummer: "SE" + the 10 org-number digits + "01". */
export function vatNumberFor(orgNo: string): string {
  return `SE${orgNo.replace("-", "")}01`;
}

/** Bankgiro "NNNN-NNNN": 7 digits plus a Luhn check digit. */
export function bankgiro(rng: Rng): string {
  const seven = String(rng.int(1, 9)) + rng.digits(6);
  const eight = seven + String(luhnCheckDigit(seven));
  return `${eight.slice(0, 4)}-${eight.slice(4)}`;
}

export interface Address {
  street: string;
  zipCode: string;
  city: City;
}

/** A street address in a real Swedish city with a postcode from that city's range, "NNN NN". */
export function address(rng: Rng, city: City = rng.pick(CITIES)): Address {
  const letter = rng.chance(0.1) ? rng.pick(["A", "B", "C"]) : "";
  const street = `${rng.pick(STREETS)} ${rng.int(1, 120)}${letter}`;
  const zipCode = `${rng.pick(city.zipPrefixes)} ${String(rng.int(0, 99)).padStart(2, "0")}`;
  return { street, zipCode, city };
}

/** Groups digits the Swedish way: "1234567" → "123 45 67", "123456" → "12 34 56", "12345678" → "123 456 78". */
function groupSubscriber(digits: string): string {
  if (digits.length === 7) return `${digits.slice(0, 3)} ${digits.slice(3, 5)} ${digits.slice(5)}`;
  if (digits.length === 6) return `${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4)}`;
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

/** Landline in the city's area code; subscriber number length shrinks as the area code grows (10 digits total). */
export function landline(rng: Rng, city: City): string {
  const subscriberLength = Math.min(8, 10 - city.areaCode.length);
  const subscriber = String(rng.int(2, 9)) + rng.digits(subscriberLength - 1);
  return `${city.areaCode}-${groupSubscriber(subscriber)}`;
}

/** Mobile number "07X-NNN NN NN". */
export function mobile(rng: Rng): string {
  return `07${rng.pick(["0", "2", "3", "6", "9"])}-${groupSubscriber(rng.digits(7))}`;
}
