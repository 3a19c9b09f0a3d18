/**
 * The forms say what is wrong with a field in the page's language: every message the shared schemas
 * give for what a person types has its own wording in both languages, so none falls back to "not valid".
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fieldProblemText } from "@/lib/client/problem-message";
import { messages } from "@/lib/i18n/messages";
import { locales } from "@/lib/i18n/locales";
import { changePasswordSchema, createTokenSchema, registerSchema, updateProfileSchema } from "@/lib/validations/accounts";
import { createCourseUnitSchema, createSheetSchema } from "@/lib/validations/sheets";
import { fieldErrors } from "@/server/http/validation";

const long = (n: number) => "x".repeat(n + 1);
const refusals: [string, { safeParse(v: unknown): { success: boolean; error?: unknown } }, unknown][] = [
  ["short name, bad e-mail, short password", registerSchema, { name: "A", email: "nope", password: "short" }],
  ["long password", registerSchema, { name: "Ana Lima", email: "a@example.org", password: long(200) }],
  ["missing password", registerSchema, { name: "Ana Lima", email: "a@example.org", password: "" }],
  ["control characters in a token label", createTokenSchema, { email: "a@example.org", password: "x", label: "a\u0007b" }],
  ["long token label", createTokenSchema, { email: "a@example.org", password: "x", label: long(80) }],
  ["long profile name", updateProfileSchema, { name: long(120) }],
  ["short new password", changePasswordSchema, { currentPassword: "x", newPassword: "short" }],
  ["bad course unit code, short name", createCourseUnitSchema, { code: "!", name: "A" }],
  ["long course unit name", createCourseUnitSchema, { code: "ES", name: long(160) }],
  [
    "direction controls in a teacher's name",
    registerSchema,
    { name: "Ana \u202Egnp.exe", email: "a@example.org", password: "correct horse" },
  ],
  ["nothing visible in a course unit name", createCourseUnitSchema, { code: "ES", name: "\u200B\u200B\u200B" }],
  ["control characters in a summary", createSheetSchema, { courseUnitId: "00000000-0000-4000-8000-000000000000", summary: "a\u0000" }],
  ["long summary", createSheetSchema, { courseUnitId: "00000000-0000-4000-8000-000000000000", summary: long(500) }],
];

describe("field problems from the shared schemas", () => {
  for (const [what, schema, input] of refusals) {
    it(`are worded in every language: ${what}`, () => {
      const result = schema.safeParse(input);
      assert.equal(result.success, false);
      const problems = fieldErrors(result.error as Parameters<typeof fieldErrors>[0]);
      assert.ok(problems.length > 0);
      for (const locale of locales) {
        const t = messages[locale].common.fieldProblems;
        for (const problem of problems) {
          const text = fieldProblemText(problem, t);
          assert.notEqual(text, t.invalid, `${locale}: "${problem.message}" (${problem.field}) has no wording`);
          assert.doesNotMatch(text, /\{\w+\}/, `${locale}: a placeholder left in "${text}"`);
        }
      }
    });
  }

  it("say which text rule was broken, by its code", () => {
    const result = registerSchema.safeParse({ name: "\u2066Ana\u2069", email: "a@example.org", password: "correct horse" });
    const [problem] = fieldErrors((result as { error: Parameters<typeof fieldErrors>[0] }).error);
    assert.ok(problem);
    assert.equal(problem.code, "text_direction");
    assert.equal(fieldProblemText(problem, messages.pt.common.fieldProblems), messages.pt.common.fieldProblems.direction);
    assert.equal(
      fieldProblemText(problem, messages.en.common.fieldProblems),
      "must not contain characters that change the text's direction",
    );
  });

  it("say the numbers the schema holds", () => {
    const result = registerSchema.safeParse({ name: "Ana Lima", email: "a@example.org", password: "short" });
    const [problem] = fieldErrors((result as { error: Parameters<typeof fieldErrors>[0] }).error);
    assert.ok(problem);
    assert.equal(fieldProblemText(problem, messages.pt.common.fieldProblems), "tem de ter pelo menos 10 caracteres");
  });
});
