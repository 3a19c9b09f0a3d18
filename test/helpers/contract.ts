/**
 * Every answer an API test receives is checked against the OpenAPI document the build wrote: the status is
 * one the operation lists, the content type one it declares, and the body valid against its schema
 * (Ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses). A path the document does not know must be a 404 problem,
 * a method it does not list for a known path a 405 problem, a path that is not valid percent-encoding a 400.
 */
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import spec from "@/server/generated/openapi.json";
import { resolve, type Json } from "./openapi";

type Response = { description?: string; content?: Record<string, { schema?: Json }> };
type Operation = { responses: Record<string, Response> };

const doc = resolve(spec as unknown as Json, spec as unknown as Json) as unknown as { paths: Record<string, Record<string, Operation>> };
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
const validators = new Map<Json, ValidateFunction>();

const templates = Object.keys(doc.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
}));

/** Paths the API serves outside the document: next-auth's own routes, the document itself, Swagger UI, metrics. */
const outside = [/^\/api\/auth\//, /^\/api\/openapi\.json$/, /^\/api\/documentation/, /^\/api\/metrics$/];

function validEncoding(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

function validate(schema: Json, body: unknown): string[] {
  let check = validators.get(schema);
  if (!check) {
    check = ajv.compile(schema as object);
    validators.set(schema, check);
  }
  return check(body) ? [] : (check.errors ?? []).map((e) => `${e.instancePath || "(body)"} ${e.message ?? "is invalid"}`);
}

/** What is wrong with an answer, by the document; empty when it conforms. */
export function contractViolations(method: string, url: string, status: number, contentType: string | null, text: string): string[] {
  const pathname = new URL(url, "http://x").pathname;
  if (!validEncoding(pathname))
    return status === 400 && mediaType(contentType) === "application/problem+json" ? [] : [`${pathname}: not 400`];
  const verb = method.toLowerCase();
  if (!pathname.startsWith("/api/") || outside.some((p) => p.test(pathname)) || verb === "options" || verb === "head") return [];
  const type = mediaType(contentType);
  const item = templates.find((t) => t.pattern.test(pathname));
  const isProblem = type === "application/problem+json";
  if (!item) return status === 404 && isProblem ? [] : [`${pathname} is not in the document, yet answered ${status} ${type}`];
  const operation = doc.paths[item.template]?.[verb];
  if (!operation) return status === 405 && isProblem ? [] : [`${method} ${item.template} is not in the document, yet answered ${status}`];

  const where = `${method} ${item.template} → ${status}`;
  const response = operation.responses[String(status)] ?? operation.responses[`${String(status)[0]}XX`] ?? operation.responses.default;
  if (!response) return [`${where}: status not documented (${type}: ${text.slice(0, 200)})`];
  if (!response.content) return text === "" ? [] : [`${where}: documented without a body, answered ${type} ${text.slice(0, 100)}`];
  const media = response.content[type];
  if (!media) return [`${where}: content type ${type || "(none)"} not documented (${Object.keys(response.content).join(", ")})`];
  if (!media.schema || !/json$/.test(type)) return [];
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [`${where}: ${type} body is not JSON`];
  }
  return validate(media.schema, body).map((e) => `${where}: ${e}`);
}

export function assertContract(method: string, url: string, status: number, contentType: string | null, text: string): void {
  const violations = contractViolations(method, url, status, contentType, text);
  if (violations.length) throw new Error(`answer breaks the OpenAPI document:\n  ${violations.join("\n  ")}`);
}
