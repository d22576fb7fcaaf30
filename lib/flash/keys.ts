/*
 * Confirmations that must survive the redirect after a successful action ("the customer was
 * created"). The action sets a short-lived cookie naming one of these; the toaster in the root
 * layout shows it once and deletes it. The cookie holds a key, never text, so nothing a user typed
 * travels in it, and an unknown key is ignored.
 */

export const FLASH_COOKIE = "brygga-flash";
export const FLASH_MAX_AGE_S = 60;
export const FLASH_KEYS = ["customer.created", "customer.saved", "article.created", "article.saved", "invoice.created", "disconnected"] as const;
export type FlashKey = (typeof FLASH_KEYS)[number];

/** `key.nonce`: a new value per action, so the same confirmation twice in a row shows twice. */
export function flashValue(key: FlashKey, nonce: string): string {
  return `${key}.${nonce}`;
}

/** The key of a flash cookie's value, or null when it is not one of ours. */
export function flashKey(value: string | undefined | null): FlashKey | null {
  const m = value ? /^([a-z.]+)\.([a-z0-9]{1,32})$/.exec(value) : null;
  return m && (FLASH_KEYS as readonly string[]).includes(m[1]!) ? (m[1] as FlashKey) : null;
}
