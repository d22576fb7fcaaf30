/**
 * FormData → a plain object for zod. Names use dot paths (`rows.0.price`); numeric segments build
 * arrays, so a rows editor posts `rows.0.*`, `rows.1.*`. Everything stays a string: the schemas
 * coerce. Checkboxes are absent when unticked, which schemas read as false.
 */

type Node = Record<string, unknown> | unknown[];

function setPath(target: Node, parts: string[], value: string): void {
  let node: Node = target;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const last = i === parts.length - 1;
    const index = /^\d+$/.test(part) ? Number(part) : null;
    // Refuse prototype keys and absurd indices: the names come from the network.
    if (part === "__proto__" || part === "constructor" || part === "prototype" || (index !== null && index > 10_000)) return;
    const container = node as Record<string | number, unknown>;
    const key = index ?? part;
    if (last) {
      container[key] = value;
      return;
    }
    const nextIsIndex = /^\d+$/.test(parts[i + 1]!);
    const existing = container[key];
    if (typeof existing !== "object" || existing === null) container[key] = nextIsIndex ? [] : {};
    node = container[key] as Node;
  }
}

/** Build the nested object a form posted; `$ACTION_*` fields that React adds are skipped. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of formData.entries()) {
    if (typeof value !== "string" || name.startsWith("$ACTION")) continue;
    setPath(out, name.split("."), value);
  }
  // Sparse arrays (a removed row in the middle) become dense, keeping the order.
  const densify = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.filter((x) => x !== undefined).map(densify);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, densify(x)]));
    return v;
  };
  return densify(out) as Record<string, unknown>;
}
