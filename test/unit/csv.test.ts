import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { csvCell, toCsv } from "@/server/csv";

describe("CSV export", () => {
  it("starts with a UTF-8 byte-order mark and ends lines with CRLF", () => {
    const csv = toCsv(["a", "b"], [["1", "2"]]);
    assert.ok(csv.startsWith("\uFEFF"));
    assert.equal(csv, "\uFEFFa,b\r\n1,2\r\n");
  });

  it("quotes commas, quotes and newlines", () => {
    assert.equal(csvCell("Silva, Ana"), '"Silva, Ana"');
    assert.equal(csvCell('Ana "Nini" Silva'), '"Ana ""Nini"" Silva"');
    assert.equal(csvCell("two\nlines"), '"two\nlines"');
    assert.equal(csvCell("cr\rhere"), '"cr\rhere"');
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    for (const danger of ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]) {
      const cell = csvCell(danger);
      assert.ok(cell.startsWith("'") || cell.startsWith(`"'`), `${JSON.stringify(danger)} → ${cell}`);
    }
  });

  it("leaves ordinary text, accents and markup as they are", () => {
    assert.equal(csvCell("José Conceição"), "José Conceição");
    assert.equal(csvCell("<b>bold</b>"), "<b>bold</b>");
    assert.equal(csvCell("UP202300001"), "UP202300001");
  });
});
