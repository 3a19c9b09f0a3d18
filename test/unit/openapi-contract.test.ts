/**
 * The OpenAPI document against tools and code we did not write it with: Redocly's recommended rules, and
 * the request schemas the route handlers really validate with.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import * as accounts from "@/lib/validations/accounts";
import * as checkin from "@/lib/validations/checkin";
import * as rosters from "@/lib/validations/rosters";
import * as presence from "@/lib/validations/presence";
import * as sheets from "@/lib/validations/sheets";
import { queries, requestBodies } from "@/lib/openapi/request-schemas";
import spec from "@/server/generated/openapi.json";
import * as studentInput from "@/server/student-input";

const specFile = path.join("server", "generated", "openapi.json");
type Op = { requestBody?: { content: Record<string, { schema: { $ref?: string } }> }; parameters?: { name: string; in: string }[] };
const paths = spec.paths as unknown as Record<string, Record<string, Op>>;

describe("the OpenAPI document", () => {
  it("passes Redocly's recommended rules with no error and no warning", async () => {
    const { stdout } = await promisify(execFile)(path.join("node_modules", ".bin", "redocly"), ["lint", specFile, "--format", "json"], {
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? "" }));
    const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: { message: string }[] };
    assert.deepEqual(report.totals.errors + report.totals.warnings, 0, report.problems.map((p) => p.message).join("\n"));
  });

  // Every schema a handler is declared with, by its exported name.
  const named = new Map<unknown, string>(
    Object.entries({ ...accounts, ...checkin, ...presence, ...rosters, ...sheets, ...studentInput }).map(([name, value]) => [value, name]),
  );
  const componentOf = new Map<string, string>(
    [...Object.entries(requestBodies), ...Object.entries(queries)].map(([component, schema]) => [named.get(schema) ?? "", component]),
  );

  /** `{ name: "/api/…", …, body: x }` and `query: y` of every endpoint definition under app/api and server/http. */
  function declaredSchemas(): { path: string; kind: "body" | "query"; schema: string; file: string }[] {
    const files = [
      ...fs
        .readdirSync("app/api", { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith("route.ts"))
        .map((f) => path.join("app/api", f)),
      ...fs
        .readdirSync("server/http")
        .filter((f) => f.endsWith(".ts"))
        .map((f) => path.join("server/http", f)),
    ];
    return files.flatMap((file) =>
      [...fs.readFileSync(file, "utf8").matchAll(/\{\s*name:\s*"([^"]+)"[^}]*\}/g)].flatMap((m) =>
        [...(m[0] ?? "").matchAll(/\b(body|query):\s*(\w+)/g)].map((d) => ({
          path: m[1] ?? "",
          kind: d[1] as "body" | "query",
          schema: d[2] ?? "",
          file,
        })),
      ),
    );
  }

  it("finds the endpoint definitions it checks", () => assert.ok(declaredSchemas().length >= 10));

  for (const { path: route, kind, schema, file } of declaredSchemas()) {
    it(`${route}: the ${kind} schema ${schema} (${file}) is the one the document shows`, () => {
      const component = componentOf.get(schema);
      assert.ok(component, `${schema} is listed in lib/openapi/request-schemas.ts`);
      const operations = Object.values(paths[route] ?? {});
      const shown =
        kind === "body"
          ? operations.some((op) => op.requestBody?.content["application/json"]?.schema.$ref === `#/components/schemas/${component}`)
          : operations.some((op) => {
              const names = (op.parameters ?? [])
                .filter((p) => p.in === "query")
                .map((p) => p.name)
                .sort();
              const expected = Object.keys(queries[component as keyof typeof queries].shape).sort();
              return names.length > 0 && JSON.stringify(names) === JSON.stringify(expected);
            });
      assert.ok(shown, `an operation of ${route} documents ${kind} ${component}`);
    });
  }
});
