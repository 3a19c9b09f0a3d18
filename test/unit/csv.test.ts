import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { csvCell, neutraliseFormulas, toCsv } from "@/server/csv";

/** The separators a spreadsheet may be told to split on, and line breaks a naive reader splits on. */
const readerSeparators = [",", ";", "\t", "|", " ", "\n", "\r"];
// A field a spreadsheet would run: a sign followed by something, once leading spaces are trimmed.
const runnable = /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20][\s\S]/u;

/** What a lenient reader makes of a raw field that opens a quote: the text up to the closing quote. */
const quotedContent = (raw: string) => /^\s*"((?:[^"]|"")*)/.exec(raw)?.[1]?.replaceAll('""', '"');

/** Every field any reader could see in the file: naive splits and CSV parses with each separator. */
function fieldsSeenBy(file: string): string[] {
  const seen: string[] = [];
  const text = file.replace(/^\uFEFF/, "");
  for (const separator of readerSeparators) {
    for (const line of text.split(/\r\n|\r|\n/)) {
      for (const raw of line.split(separator)) seen.push(raw, quotedContent(raw) ?? "");
    }
    try {
      const records: string[][] = parse(text, { delimiter: separator, relax_quotes: true, relax_column_count: true });
      seen.push(...records.flat());
    } catch {
      // A reader that cannot parse the file with this separator shows nothing of it.
    }
  }
  return seen;
}

const hostileNames = [
  "x;=1+1;x",
  "x,=1+1,x",
  "x\t=1+1",
  "x|=cmd|' /C calc'!A0",
  'Ana =HYPERLINK("http://example.invalid")',
  'x;"=1+1"',
  "x; -1+1",
  "a\n@SUM(A1)",
  "a\r\n+1",
  "x;＝1+1",
  "=1+1",
  "\t=1",
];

describe("CSV export", () => {
  it("starts with a UTF-8 byte-order mark and ends lines with CRLF", () => {
    const csv = toCsv(["a", "b"], [["1", "2"]]);
    assert.ok(csv.startsWith("\uFEFF"));
    assert.equal(csv, "\uFEFFa,b\r\n1,2\r\n");
  });

  it("quotes every separator a reader may choose, quotes and newlines", () => {
    assert.equal(csvCell("Silva, Ana"), '"Silva, Ana"');
    assert.equal(csvCell("Silva; Ana"), '"Silva; Ana"');
    assert.equal(csvCell("Silva|Ana"), '"Silva|Ana"');
    assert.equal(csvCell('Ana "Nini" Silva'), '"Ana ""Nini"" Silva"');
    assert.equal(csvCell("two\nlines"), '"two\nlines"');
    assert.equal(csvCell("cr\rhere"), '"cr\rhere"');
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    for (const danger of ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]) {
      const cell = csvCell(danger);
      assert.ok(cell.startsWith("'") || cell.startsWith(`"'`), `${JSON.stringify(danger)} → ${cell}`);
    }
  });

  it("neutralises every segment a reader splitting on another separator would see", () => {
    assert.equal(neutraliseFormulas("x;=1+1;x"), "x;'=1+1;x");
    assert.equal(neutraliseFormulas("x,=1+1,x"), "x,'=1+1,x");
    assert.equal(neutraliseFormulas('x;"=1+1"'), 'x;\'"=1+1"');
    assert.equal(neutraliseFormulas("Ana =SUM(A1)"), "Ana '=SUM(A1)");
    for (const separator of [",", ";"]) {
      const file = toCsv(
        ["Name"],
        hostileNames.map((name) => [name]),
        separator,
      );
      for (const field of fieldsSeenBy(file)) assert.doesNotMatch(field, runnable, `${JSON.stringify(field)} in ${JSON.stringify(file)}`);
    }
  });

  it("leaves no runnable field for any text, whatever the reader's separator", () => {
    const piece = fc.constantFrom("=", "+", "-", "@", "＝", ",", ";", "\t", "|", " ", "\n", "\r", '"', "'", "1", "A", "é");
    fc.assert(
      fc.property(
        fc.array(
          fc.array(piece, { maxLength: 12 }).map((p) => p.join("")),
          { minLength: 1, maxLength: 3 },
        ),
        fc.constantFrom(",", ";"),
        (cells, separator) => {
          for (const field of fieldsSeenBy(toCsv(["h"], [cells], separator))) assert.doesNotMatch(field, runnable);
        },
      ),
      { numRuns: 3000, seed: 20261127 },
    );
  });

  it("leaves ordinary text, accents, markup and lone signs as they are", () => {
    assert.equal(csvCell("José Conceição"), "José Conceição");
    assert.equal(csvCell("<b>bold</b>"), "<b>bold</b>");
    assert.equal(csvCell("UP202300001"), "UP202300001");
    assert.equal(csvCell("Aula 3 - revisão"), "Aula 3 - revisão");
    assert.equal(csvCell("Ana-Sofia O'Brien"), "Ana-Sofia O'Brien");
  });
});
