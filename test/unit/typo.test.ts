import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { oneTypoApart } from "@/lib/typo";

describe("oneTypoApart", () => {
  it("accepts one character changed, added or dropped, and two neighbours swapped", () => {
    for (const [typed, enrolled] of [
      ["UP202300012", "UP202300013"],
      ["UP20230001", "UP202300001"],
      ["UP2023000001", "UP202300001"],
      ["UP202300010", "UP202300001"],
      ["PU202300001", "UP202300001"],
    ]) {
      assert.equal(oneTypoApart(typed!, enrolled!), typed !== enrolled, `${typed} / ${enrolled}`);
    }
  });

  it("refuses the same number, two slips, and swaps that are not neighbours", () => {
    for (const [a, b] of [
      ["UP202300001", "UP202300001"],
      ["UP202300001", "UP202300022"],
      ["UP202300001", "UP2023001"],
      ["UP202300012", "UP202300210"],
      ["", "UP1"],
      ["UP102", "UP201"],
    ]) {
      assert.equal(oneTypoApart(a!, b!), false, `${a} / ${b}`);
      assert.equal(oneTypoApart(b!, a!), false, `${b} / ${a}`);
    }
  });
});
