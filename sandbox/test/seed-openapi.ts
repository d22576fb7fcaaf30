/**
 * Test helper: validates generated records against Fortnox's official OpenAPI schemas. Loads
 * components.schemas into one Ajv document, rewrites `#/components/schemas/` refs, maps OpenAPI
 * `nullable` to JSON Schema, and forbids properties the spec does not declare (catches typos).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** `FORTNOX_OPENAPI_SPEC` points at the file when the checkout is not next to `shared/` (e.g. a git worktree). */
export const SPEC_PATH = process.env.FORTNOX_OPENAPI_SPEC ?? path.resolve(repoRoot, "..", "shared", "fortnox-openapi", "openapi-fortnox.json");
export const specAvailable = existsSync(SPEC_PATH);

type Json = Record<string, unknown>;

function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewrite);
  if (node === null || typeof node !== "object") return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === "$ref" && typeof value === "string") {
      out.$ref = value.replace("#/components/schemas/", "#/definitions/");
    } else if (key === "nullable" || key === "example") {
      continue;
    } else {
      out[key] = rewrite(value);
    }
  }
  const source = node as Json;
  if (source.nullable === true) {
    if (typeof out.type === "string") out.type = [out.type, "null"];
    if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
  }
  if (out.type === "object" && out.properties && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

let spec: { components: { schemas: Json } } | undefined;
export function specSchemas(): Json {
  spec ??= JSON.parse(readFileSync(SPEC_PATH, "utf8")) as { components: { schemas: Json } };
  return spec.components.schemas;
}

let ajv: Ajv | undefined;
export function validatorFor(schemaName: string): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv, ["date", "date-time", "uuid", "byte"]);
    for (const f of ["int32", "int64", "double", "float"]) ajv.addFormat(f, true);
    ajv.addSchema({ $id: "fortnox", definitions: rewrite(specSchemas()) as Json });
  }
  const validate = ajv.getSchema(`fortnox#/definitions/${schemaName}`);
  if (!validate) throw new Error(`Schema ${schemaName} not found in ${SPEC_PATH}`);
  return validate;
}

/** Property names the spec declares on a schema. */
export function specProperties(schemaName: string): string[] {
  const schema = specSchemas()[schemaName] as { properties?: Json } | undefined;
  return Object.keys(schema?.properties ?? {});
}
