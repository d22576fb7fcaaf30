/** A wire value as text: strings as-is, numbers and booleans printed, anything else empty. */
export function str(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : "";
}
