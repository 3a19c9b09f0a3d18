/**
 * The shared rules for text other people see (lib/validations/text.ts), through every schema that holds
 * such a text: teacher names, course-unit names, summaries, student names, class groups, status notes.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { z } from "zod";
import { registerSchema, updateProfileSchema } from "@/lib/validations/accounts";
import { personNameSchema } from "@/lib/validations/common";
import { groupSchema } from "@/lib/validations/rosters";
import { createCourseUnitSchema, createSheetSchema, updateSheetSchema } from "@/lib/validations/sheets";
import { studentNameSchema } from "@/lib/validations/student";
import { textProblem } from "@/lib/validations/text";
import { textProblems } from "@/lib/validations/text-codes";
import { fieldErrors } from "@/server/http/validation";

const unitId = "00000000-0000-4000-8000-000000000000";

/** Each field, as the schema that reads it wraps it. */
const fields: [string, (text: string) => { success: boolean; error?: z.ZodError }][] = [
  ["teacher name (register)", (name) => registerSchema.safeParse({ name, email: "a@example.org", password: "correct horse" })],
  ["teacher name (profile)", (name) => updateProfileSchema.safeParse({ name })],
  ["course-unit name", (name) => createCourseUnitSchema.safeParse({ code: "ES", name })],
  ["sheet summary (new)", (summary) => createSheetSchema.safeParse({ courseUnitId: unitId, summary })],
  ["sheet summary (edit)", (summary) => updateSheetSchema.safeParse({ summary })],
  ["student name", (name) => studentNameSchema.safeParse(name)],
  ["class group", (group) => groupSchema.safeParse(group)],
];

const refused: [string, string, string][] = [
  ["right-to-left override", "Ana \u202Egnp.exe\u202C", textProblems.direction.code],
  ["left-to-right embedding", "Ana \u202AX\u202C", textProblems.direction.code],
  ["isolate", "Ana \u2067Rui\u2069", textProblems.direction.code],
  ["right-to-left mark", "Ana\u200F Rui", textProblems.direction.code],
  ["Arabic letter mark", "Ana\u061C Rui", textProblems.direction.code],
  ["NUL", "Ana\u0000Rui", textProblems.control.code],
  ["bell", "Ana\u0007", textProblems.control.code],
  ["C1 control", "Ana\u0085x\u009B", textProblems.control.code],
  ["only zero-width characters", "\u200B\u200C\u200D\u2060\uFEFF", textProblems.invisible.code],
  ["only Hangul fillers", "\u3164\u3164\u115F", textProblems.invisible.code],
  ["only combining marks and blank braille", "\u0301\u0301\u2800\u2800", textProblems.invisible.code],
  ["only spaces of every kind", "\u00A0\u2003\u3000  ", textProblems.invisible.code],
];

const codesOf = (result: { success: boolean; error?: z.ZodError }) => (result.error ? fieldErrors(result.error).map((e) => e.code) : []);

describe("the shared text rules", () => {
  for (const [field, parse] of fields) {
    for (const [what, text, code] of refused) {
      // Blank is the empty summary or group, which these fields allow (tested below).
      if (what.startsWith("only spaces") && /summary|group/.test(field)) continue;
      it(`refuse ${what} in the ${field} with ${code}`, () => {
        const result = parse(text);
        assert.equal(result.success, false);
        assert.ok(codesOf(result).includes(code), `${JSON.stringify(codesOf(result))}`);
      });
    }
    it(`keep accents, right-to-left scripts and emoji in the ${field}`, () => {
      for (const text of ["José Conceição", "محمد علي", "Ana 👩‍🎓", "O'Brien-Ñúñez"]) assert.equal(parse(text).success, true, text);
    });
  }

  it("compose, trim and fold one-line texts", () => {
    assert.equal(personNameSchema.parse("  Jose\u0301\t\nConceic\u0327a\u0303o "), "José Conceição");
    assert.equal(createCourseUnitSchema.parse({ code: "es", name: " Engenharia  de\tSoftware " }).name, "Engenharia de Software");
    assert.equal(studentNameSchema.parse("Ana\u2028Rui"), "Ana Rui");
  });

  it("keep a summary's lines and tabs, and allow it empty", () => {
    assert.equal(createSheetSchema.parse({ courseUnitId: unitId, summary: " Aula 3\r\n\tRevisão " }).summary, "Aula 3\n\tRevisão");
    assert.equal(createSheetSchema.parse({ courseUnitId: unitId, summary: "" }).summary, "");
    assert.equal(groupSchema.parse("  "), "");
  });

  it("name the first rule broken", () => {
    assert.equal(textProblem("Ana"), null);
    assert.equal(textProblem("a\nb", { multiline: true }), null);
    assert.equal(textProblem("a\nb"), "control");
    assert.equal(textProblem("", { allowEmpty: true }), null);
    assert.equal(textProblem(""), "invisible");
  });
});
