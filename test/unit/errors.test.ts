import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { negotiateLocale } from "@/lib/i18n/locales";
import { problemText } from "@/lib/i18n/problems";
import { AppError, problemCodes, type ProblemCode } from "@/server/errors";
import { isDatabaseUnavailable } from "@/server/http/database-errors";
import { problemResponse, toAppError } from "@/server/http/problem";

describe("problem responses", () => {
  it("are problem+json with a stable code, localised detail and the request id", async () => {
    const response = problemResponse(new AppError("SHEET_CLOSED"), { requestId: "req-12345678", acceptLanguage: "pt-PT,pt;q=0.9" });
    assert.equal(response.status, 409);
    assert.match(response.headers.get("content-type") ?? "", /^application\/problem\+json/);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body.code, "SHEET_CLOSED");
    assert.equal(body.requestId, "req-12345678");
    assert.match(String(body.detail), /fechada/);
    assert.match(String(body.type), /sheet-closed$/);
  });

  it("never carry an unexpected error's message", async () => {
    const { error, unexpected } = toAppError(new Error("secret internals at /srv/app.js:12"));
    assert.equal(unexpected, true);
    const body: unknown = await problemResponse(error, { requestId: "r-00000000", acceptLanguage: null }).json();
    assert.equal(JSON.stringify(body).includes("internals"), false);
    assert.equal((body as { status: number }).status, 500);
  });

  it("have a text in both languages for every code", () => {
    for (const code of Object.keys(problemCodes) as ProblemCode[]) {
      for (const locale of ["pt", "en"] as const) {
        const t = problemText(code, locale, { seconds: 3, limit: 10, what: "x" });
        assert.ok(t.title.length > 0 && t.detail.length > 0, `${code} ${locale}`);
        assert.ok(!/\{\w+\}/.test(t.detail), `${code} ${locale} leaves a placeholder`);
      }
    }
  });
});

describe("language negotiation", () => {
  it("honours q-values and falls back to English", () => {
    assert.equal(negotiateLocale("pt-PT"), "pt");
    assert.equal(negotiateLocale("fr-FR, pt;q=0.5, en;q=0.8"), "en");
    assert.equal(negotiateLocale("de"), "en");
    assert.equal(negotiateLocale(null), "en");
    assert.equal(negotiateLocale("en;q=0, pt-BR"), "pt");
  });
});

describe("database failures", () => {
  it("are told apart from bugs, so clients get a 503 to retry", () => {
    assert.equal(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })), true);
    assert.equal(isDatabaseUnavailable({ code: "57014", message: "canceling statement due to statement timeout" }), true);
    assert.equal(isDatabaseUnavailable(new Error("x", { cause: { kind: "DatabaseNotReachable" } })), true);
    assert.equal(isDatabaseUnavailable(new Error("Connection terminated unexpectedly")), true);
    assert.equal(isDatabaseUnavailable(new Error("Query read timeout")), true);
    assert.equal(isDatabaseUnavailable(new TypeError("undefined is not a function")), false);
    assert.equal(isDatabaseUnavailable({ code: "23505" }), false);
    assert.equal(toAppError({ code: "P1001" }).error.status, 503);
  });
});
