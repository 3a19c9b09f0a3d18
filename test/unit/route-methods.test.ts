/**
 * The production entry answers methods the OpenAPI document does not list for a path with a 405
 * (server/http/allowed-methods.ts), so each route file must export exactly the documented methods.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import spec from "@/server/generated/openapi.json";

const httpMethods = "GET|POST|PUT|PATCH|DELETE";

function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(new RegExp(`export\\s+(?:const|async\\s+function|function)\\s+(${httpMethods})\\b`, "g")))
    found.add(m[1] ?? "");
  for (const block of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const m of (block[1] ?? "").matchAll(new RegExp(`\\bas\\s+(${httpMethods})\\b|^\\s*(${httpMethods})\\s*$`, "gm")))
      found.add(m[1] ?? m[2] ?? "");
  }
  return [...found].sort();
}

describe("route files", () => {
  for (const [template, operations] of Object.entries(spec.paths)) {
    it(`${template} exports exactly its documented methods`, () => {
      const file = path.join("app", template.replace(/\{([^}]+)\}/g, "[$1]"), "route.ts");
      assert.ok(fs.existsSync(file), `${file} exists`);
      const documented = Object.keys(operations)
        .map((m) => m.toUpperCase())
        .sort();
      assert.deepEqual(exportedMethods(fs.readFileSync(file, "utf8")), documented);
    });
  }
});
