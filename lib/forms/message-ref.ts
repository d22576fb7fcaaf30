/**
 * A translatable message that travels as a plain string: `key` or `key?name=value&…`. Zod issue
 * messages and AppError field errors are strings, and schemas run in the browser as well as in
 * actions, so they carry a reference and the edge that knows the locale translates it.
 */

export type MessageVars = Record<string, string | number>;

/** Encode a message key with its variables. */
export function msg(key: string, vars: MessageVars = {}): string {
  const entries = Object.entries(vars);
  if (entries.length === 0) return key;
  return `${key}?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`;
}

/** Decode `msg()`'s output; a string that is not a reference comes back as its own key. */
export function parseMessageRef(ref: string): { key: string; vars: Record<string, string> } {
  const q = ref.indexOf("?");
  if (q < 0 || /\s/.test(ref.slice(0, q))) return { key: ref, vars: {} };
  return { key: ref.slice(0, q), vars: Object.fromEntries(new URLSearchParams(ref.slice(q + 1))) };
}

/** True when `ref` names a key of `dict`. */
export function isMessageRef(ref: string, dict: Readonly<Record<string, string>>): boolean {
  return Object.hasOwn(dict, parseMessageRef(ref).key);
}

/** Translate a reference with `dict`; text that is not a known key is returned unchanged. */
export function translateRef(ref: string, dict: Readonly<Record<string, string>>): string {
  const { key, vars } = parseMessageRef(ref);
  const template = Object.hasOwn(dict, key) ? dict[key] : undefined;
  if (template === undefined) return ref;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? `{${k}}`);
}
