/** A dynamic route segment as typed: decoded once, and a malformed escape is kept as is rather than a 500. */
export function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
