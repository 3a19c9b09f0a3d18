/**
 * Writes the OpenAPI document. The prose, the responses and the security of each operation come from the
 * @openapi comments of the route handlers (comments do not survive compilation, so this runs before the
 * build); request bodies and query parameters come from the zod schemas the endpoints validate with
 * (lib/openapi/request-schemas.ts). Fails on a malformed annotation and on an operation that does not say
 * its operationId, its security or a declared tag.
 */
import fs from "node:fs";
import path from "node:path";
import swaggerJsdoc from "swagger-jsdoc";
import { z } from "zod";
import pkg from "../package.json" with { type: "json" };

// The student-number schema reads the deployment's pattern from the configuration; the document shows
// the default one, so the build needs no real environment.
process.env.DATABASE_URL ??= "postgresql://build@127.0.0.1/build";
process.env.AUTH_SECRET ??= "build-time-placeholder-secret-not-used-to-sign-anything";
process.env.PUBLIC_ORIGIN ??= "http://127.0.0.1:3000";

type JsonSchema = { properties?: Record<string, JsonSchema & { description?: string }>; required?: string[] };
type Operation = {
  operationId?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  "x-query"?: string;
};
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

const tags = [
  { name: "Accounts", description: "Teacher accounts, profile, password and personal API tokens." },
  { name: "Course units", description: "The shared catalogue of course units." },
  { name: "Sheets", description: "Attendance sheets: one per class session, with its rotating QR code." },
  { name: "Attendances", description: "The entries of a sheet: list, export, add by hand, remove and restore." },
  { name: "Rosters", description: "The students enrolled in a course unit, imported from the academic system's files." },
  { name: "Reports", description: "The term report of a course unit: statuses per session, rates against the minimum." },
  { name: "Students", description: "Everything held about one student number: access and erasure." },
  { name: "Check-in", description: "What a student's phone calls: public, authorised by the rotating QR code." },
  { name: "Operations", description: "Liveness and readiness for load balancers and orchestrators." },
];

const problem = { $ref: "#/components/responses/Problem" };
const methods = new Set(["get", "put", "post", "patch", "delete"]);

function toJsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema & { $schema?: string };
  return rest;
}

function requireAllFields(node: unknown): void {
  if (Array.isArray(node)) node.forEach(requireAllFields);
  else if (node && typeof node === "object") {
    const schema = node as { type?: unknown; properties?: Record<string, unknown>; required?: string[] };
    if (schema.type === "object" && schema.properties && !schema.required) schema.required = Object.keys(schema.properties);
    Object.values(node).forEach(requireAllFields);
  }
}

async function main(): Promise<void> {
  const { requestBodies, queries } = await import("../lib/openapi/request-schemas");
  const doc = swaggerJsdoc({
    failOnErrors: true,
    definition: {
      openapi: "3.1.0",
      info: {
        title: "Presença API",
        version: pkg.version,
        description:
          "Class attendance with rotating QR codes. Teachers authenticate with a personal API token " +
          "(`POST /api/tokens`, then `Authorization: Bearer …`) or the browser session. Errors are " +
          "`application/problem+json` with a stable `code`. A method that a path does not list is answered " +
          "405 with an `Allow` header, an unknown path under `/api` 404 and a path that is not valid " +
          "percent-encoding 400, all as problem+json.",
        license: { name: "MIT", identifier: "MIT" },
      },
      servers: [{ url: "/" }],
      tags,
    },
    apis: ["app/api/**/route.ts", "lib/openapi/components.yaml"],
  }) as Document;

  // Every field of an answer is always present (a value that may be missing is null), so response objects
  // that do not list their required fields require them all: a field the service stops sending is caught.
  requireAllFields(doc.components.schemas);
  for (const item of Object.values(doc.paths)) for (const op of Object.values(item)) requireAllFields(op.responses);
  for (const [name, schema] of Object.entries(requestBodies)) {
    if (doc.components.schemas[name]) throw new Error(`components.schemas.${name} is both written by hand and generated from zod`);
    doc.components.schemas[name] = toJsonSchema(schema);
  }
  const declared = new Set(tags.map((t) => t.name));
  const faults: string[] = [];
  for (const [route, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!methods.has(method)) continue;
      const where = `${method.toUpperCase()} ${route}`;
      if (!op.operationId) faults.push(`${where}: no operationId`);
      if (!Array.isArray(op.security)) faults.push(`${where}: no security (use [] for a public operation)`);
      for (const tag of op.tags ?? []) if (!declared.has(tag)) faults.push(`${where}: tag "${tag}" is not declared`);
      if (op["x-query"]) {
        const name = op["x-query"] as keyof typeof queries;
        const schema = queries[name];
        if (!schema) faults.push(`${where}: x-query names no schema in lib/openapi/request-schemas.ts: ${name}`);
        else {
          const { properties = {}, required = [] } = toJsonSchema(schema);
          const fromQuery = Object.entries(properties).map(([param, s]) => {
            const { description, ...rest } = s;
            return { name: param, in: "query", required: required.includes(param), schema: rest, ...(description ? { description } : {}) };
          });
          op.parameters = [...(op.parameters ?? []), ...fromQuery];
        }
        delete op["x-query"];
      }
      // What every body-taking endpoint refuses before its own validation (server/http/body.ts).
      if (op.requestBody) {
        op.responses["413"] ??= problem;
        op.responses["415"] ??= problem;
      }
      // A browser session may change nothing from another site (server/http/endpoint.ts).
      if (method !== "get" && op.security?.some((s) => typeof s === "object" && s !== null && "session" in s))
        op.responses["403"] ??= problem;
      // Any operation but liveness answers 503 while the database is unreachable.
      if (route !== "/api/health") op.responses["503"] ??= problem;
    }
  }
  if (faults.length) throw new Error(`OpenAPI document incomplete:\n  ${faults.join("\n  ")}`);

  const out = path.join("server", "generated", "openapi.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`OpenAPI: ${Object.keys(doc.paths).length} paths written to ${out}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
