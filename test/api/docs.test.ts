import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { call } from "../helpers/api";

type Spec = { openapi: string; paths: Record<string, Record<string, { responses: object }>> };

describe("API documentation", () => {
  it("serves an OpenAPI 3.1 document covering every operation", async () => {
    const reply = await call<Spec>("GET", "/api/openapi.json");
    assert.equal(reply.status, 200);
    assert.equal(reply.body.openapi, "3.1.0");
    const operations = Object.entries(reply.body.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    for (const expected of [
      "POST /api/accounts",
      "POST /api/tokens",
      "GET /api/tokens",
      "DELETE /api/tokens/{id}",
      "GET /api/me",
      "PATCH /api/me",
      "PUT /api/me/password",
      "GET /api/course-units",
      "POST /api/course-units",
      "GET /api/sheets",
      "POST /api/sheets",
      "GET /api/sheets/{id}",
      "PATCH /api/sheets/{id}",
      "GET /api/sheets/{id}/qr",
      "GET /api/sheets/{id}/attendances",
      "POST /api/sheets/{id}/attendances",
      "DELETE /api/sheets/{id}/attendances/{studentNumber}",
      "POST /api/sheets/{id}/attendances/{studentNumber}/restore",
      "GET /api/checkin/{code}",
      "POST /api/checkin/{code}",
      "POST /api/checkin/{code}/tickets",
      "GET /api/health",
      "GET /api/ready",
    ]) {
      assert.ok(operations.includes(expected), `${expected} is not documented`);
    }
  });

  it("serves Swagger UI and its assets from the app itself", async () => {
    const page = await call("GET", "/api/documentation");
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type") ?? "", /^text\/html/);
    const scripts = [...page.text.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1] ?? "");
    assert.ok(scripts.length >= 3);
    for (const asset of scripts) {
      assert.ok(!asset.startsWith("//"), asset);
      assert.equal((await call("GET", asset)).status, 200, asset);
    }
  });
});
