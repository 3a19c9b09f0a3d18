/** The API's own OpenAPI document, read from the running server, as a flat list of operations. */

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  example?: unknown;
  oneOf?: JsonSchema[];
};

export type Parameter = { name: string; in: "path" | "query" | "header" | "cookie"; required?: boolean; schema?: JsonSchema };

export type Operation = {
  /** "POST /api/sheets/{id}/attendances" */
  id: string;
  method: string;
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
  /** Every status the document lists for this operation. */
  statuses: number[];
  secured: boolean;
};

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Replaces every local `$ref` with what it points to (the document has no cycles). */
export function resolve(node: Json, root: Json): Json {
  if (Array.isArray(node)) return node.map((n) => resolve(n, root));
  if (node === null || typeof node !== "object") return node;
  const ref = node.$ref;
  if (typeof ref === "string" && ref.startsWith("#/")) {
    const target = ref
      .slice(2)
      .split("/")
      .reduce<Json>((at, key) => (at && typeof at === "object" && !Array.isArray(at) ? (at[key] ?? null) : null), root);
    if (target === null) throw new Error(`unresolved $ref ${ref}`);
    return resolve(target, root);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(v, root)]));
}

const methods = ["get", "put", "post", "patch", "delete"];

export async function loadOperations(baseUrl: string): Promise<Operation[]> {
  const response = await fetch(`${baseUrl}/api/openapi.json`);
  if (response.status !== 200) throw new Error(`GET /api/openapi.json answered ${response.status}`);
  const raw = (await response.json()) as Json;
  const doc = resolve(raw, raw) as { paths: Record<string, Record<string, Record<string, unknown>>> };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of methods) {
      const op = item[method];
      if (!op) continue;
      const content = (op.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)?.content;
      operations.push({
        id: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters as Parameter[] | undefined) ?? [],
        body: content?.["application/json"]?.schema,
        statuses: Object.keys(op.responses as object).map(Number),
        secured: Array.isArray(op.security) && op.security.length > 0,
      });
    }
  }
  return operations.sort((a, b) => a.id.localeCompare(b.id));
}
