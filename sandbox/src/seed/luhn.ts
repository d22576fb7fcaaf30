/**
 * Check digits used by Swedish identifiers. Integrations validate these (org numbers on
 * companyinformation, OCR on payments), so demo data must pass the same checks real data does.
 */

/** Luhn (mod 10) check digit for a digit string, counted from the right as Swedish ids do. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  // The check digit will be appended, so the rightmost payload digit gets weight 2.
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the digits (separators such as "-" and " " ignored) end in a correct Luhn digit. */
export function isLuhnValid(value: string): boolean {
  const digits = value.replace(/[-\s+]/g, "");
  if (!/^\d{2,}$/.test(digits)) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.slice(-1));
}

/**
 * Swedish OCR reference with "längdsiffra": number + length digit + Luhn check digit. The length
 * digit is (total length incl. both extra digits) mod 10, which bankgirot uses to catch dropped digits.
 */
export function ocrFor(documentNumber: string): string {
  const lengthDigit = (documentNumber.length + 2) % 10;
  const payload = documentNumber + String(lengthDigit);
  return payload + String(luhnCheckDigit(payload));
}

/** True for a well-formed OCR built by {@link ocrFor}: correct length digit and Luhn digit. */
export function isValidOcr(ocr: string): boolean {
  if (!/^\d{3,25}$/.test(ocr)) return false;
  const lengthDigit = Number(ocr.charAt(ocr.length - 2));
  return ocr.length % 10 === lengthDigit && isLuhnValid(ocr);
}

/**
 * GS1 check digit (EAN-13, GLN): weights 3,1,3,… from the right. Not Luhn, but the same family,
 * and scanners reject codes that fail it.
 */
export function gs1CheckDigit(digits: string): number {
  let sum = 0;
  for (let i = digits.length - 1, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) {
    sum += (digits.charCodeAt(i) - 48) * w;
  }
  return (10 - (sum % 10)) % 10;
}

export function isGs1Valid(code: string): boolean {
  if (!/^\d{8,14}$/.test(code)) return false;
  return gs1CheckDigit(code.slice(0, -1)) === Number(code.slice(-1));
}
