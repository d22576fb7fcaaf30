/**
 * Shared rules for building Fortnox request bodies from camelCase input. A create omits what the
 * user left blank, so Fortnox fills its defaults ("predefined values"); an update is a partial PUT
 * (docs/fortnox.md#api-conventions), so only keys present in the patch are sent, and a blank clears the field.
 */

export type WriteMode = "create" | "update";

/** camelCase input key → Fortnox field name. */
export type FieldMap<T> = { readonly [K in keyof T]-?: string };

/** Pick the present keys of `input` and rename them; null means "blank". */
export function toWire<T extends object>(input: Partial<T>, fields: FieldMap<T>, mode: WriteMode, clearAs: (key: keyof T) => unknown = () => ""): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(fields) as (keyof T)[]) {
    if (!(key in input)) continue;
    const value = input[key];
    if (value === undefined) continue;
    if (value === null) {
      if (mode === "update") out[fields[key]] = clearAs(key);
      continue;
    }
    out[fields[key]] = value;
  }
  return out;
}
