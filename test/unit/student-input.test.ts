import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { studentNameSchema, studentNumberSchema } from "@/lib/validations/student";
import { sheetCodeSchema, SHEET_CODE_ALPHABET } from "@/lib/validations/checkin";
import { generateSheetCode } from "@/server/sheets";

const number = studentNumberSchema("^[A-Z0-9]{1,20}$");

describe("student numbers", () => {
  it("are trimmed, spaces dropped and upper-cased", () => {
    assert.equal(number.parse("  up2023 0001 "), "UP20230001");
    assert.equal(number.parse("a"), "A");
  });

  it("accept 1 to 20 letters or digits only", () => {
    assert.equal(number.safeParse("A".repeat(20)).success, true);
    for (const bad of ["", "   ", "A".repeat(21), "UP-2023", "12.3", "número"]) {
      assert.equal(number.safeParse(bad).success, false, bad);
    }
  });

  it("follow the configured pattern", () => {
    const digitsOnly = studentNumberSchema("^[0-9]{9}$");
    assert.equal(digitsOnly.safeParse("202300001").success, true);
    assert.equal(digitsOnly.safeParse("UP2023001").success, false);
  });
});

describe("student names", () => {
  it("are composed to NFC and white space folded", () => {
    const decomposed = "Jose\u0301  Conceic\u0327a\u0303o ";
    assert.equal(studentNameSchema.parse(decomposed), "José Conceição");
  });

  it("count characters, not bytes: 2 to 120", () => {
    assert.equal(studentNameSchema.safeParse("Zé").success, true);
    assert.equal(studentNameSchema.safeParse("Z").success, false);
    assert.equal(studentNameSchema.safeParse("é".repeat(120)).success, true);
    assert.equal(studentNameSchema.safeParse("é".repeat(121)).success, false);
  });

  it("refuse control characters and bidirectional overrides", () => {
    for (const bad of ["Ana\u0000Silva", "Ana\u0007", "Ana\u202EavliS", "Ana\u2066x"]) {
      assert.equal(studentNameSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });

  it("keep emoji and right-to-left scripts", () => {
    assert.equal(studentNameSchema.parse("محمد علي"), "محمد علي");
    assert.equal(studentNameSchema.parse("Ana 👩‍🎓"), "Ana 👩‍🎓");
  });
});

describe("sheet codes", () => {
  it("are six characters without look-alikes", () => {
    for (let i = 0; i < 200; i++) {
      const code = generateSheetCode();
      assert.equal(code.length, 6);
      for (const c of code) assert.ok(SHEET_CODE_ALPHABET.includes(c), c);
    }
    for (const lookalike of ["0", "O", "1", "I", "L", "5", "S", "2", "Z", "8", "B"]) {
      assert.ok(!SHEET_CODE_ALPHABET.includes(lookalike), lookalike);
    }
  });

  it("are read case-insensitively, ignoring spaces and dashes", () => {
    assert.equal(sheetCodeSchema.parse("k7t-q9m"), "K7TQ9M");
    assert.equal(sheetCodeSchema.safeParse("K7TQ0M").success, false);
  });
});
