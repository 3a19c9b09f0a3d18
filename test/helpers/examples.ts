/** Well-formed example requests for an operation of the OpenAPI document, from its own examples and types. */
import { randomUUID } from "node:crypto";
import type { JsonSchema, Operation } from "./openapi";

export function exampleOf(schema: JsonSchema): unknown {
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[0];
  if (schema.format === "uuid") return randomUUID();
  if (schema.type === "object") return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, exampleOf(v)]));
  if (schema.type === "boolean") return false;
  if (schema.type === "integer") return schema.minimum ?? 1;
  if (schema.oneOf?.[0]) return exampleOf(schema.oneOf[0]);
  return "Valid text";
}

/** The operation's path with its parameters filled in: from `values` when given, else from examples. */
export function examplePath(operation: Operation, values: Record<string, string> = {}): string {
  return operation.parameters
    .filter((p) => p.in === "path")
    .reduce(
      (path, p) => path.replace(`{${p.name}}`, encodeURIComponent(values[p.name] ?? String(exampleOf(p.schema ?? {})))),
      operation.path,
    );
}
