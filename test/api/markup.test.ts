/**
 * Names full of markup stay text: the API returns them as JSON strings (never as HTML), and the CSV
 * export carries them character for character, with formula-looking cells neutralised. The pages that
 * show these names are checked by the browser tests of the pages themselves.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { call, checkin, closeDb, newSheet, newTeacher, type Sheet, type Teacher, ticketFor } from "../helpers/api";

after(closeDb);

const hostileNames = [
  "<script>alert('x')</script>",
  "<img src=x onerror=alert(1)>",
  '"><svg onload=alert(1)>',
  "</td><td>Ana</td>",
  "&lt;b&gt;Rui&amp;",
  "<!-- Zé -->",
  'Ana, "Zé"; Silva',
];
const formulaNames = ['=HYPERLINK("http://example.invalid","x")', "+SUM(1,2)", "-1+2 Ana", "@cmd Rui"];
// Formulas that appear only when a reader splits the file on another separator than the one written.
const splitFormulas = ["x;=1+1;x", "x,=1+1,x", 'Ana =HYPERLINK("http://example.invalid")', "x|@SUM(A1)", "x; -1+1", "x\t+1"];
const runnable = /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20][\s\S]/u;

describe("names full of markup", () => {
  let teacher: Teacher;
  let sheet: Sheet;
  const numbers = new Map<string, string>();

  before(async () => {
    teacher = await newTeacher('<b>Prof</b> & "Co"');
    sheet = await newSheet(teacher, "<script>alert('summary')</script>");
    for (const [i, name] of [...hostileNames, ...formulaNames, ...splitFormulas].entries()) {
      const studentNumber = `UP2023${String(i).padStart(5, "0")}`;
      // Half register themselves, half are added by the teacher.
      const reply =
        i % 2 === 0
          ? await checkin(sheet, await ticketFor(teacher, sheet), { studentNumber, name })
          : await call("POST", `/api/sheets/${sheet.id}/attendances`, { token: teacher.token, body: { studentNumber, name } });
      assert.equal(reply.status, 201, reply.text);
      assert.equal(reply.body.name, name.replace(/\s+/g, " "), "the name came back altered");
      numbers.set(studentNumber, reply.body.name);
    }
  });

  it("come back verbatim as JSON strings, never as HTML", async () => {
    const list = await call<{ items: { studentNumber: string; name: string }[] }>("GET", `/api/sheets/${sheet.id}/attendances`, {
      token: teacher.token,
    });
    assert.match(list.headers.get("content-type") ?? "", /^application\/json/);
    assert.deepEqual(new Map(list.body.items.map((a) => [a.studentNumber, a.name])), numbers);
    const own = await call<{ summary: string }>("GET", `/api/sheets/${sheet.id}`, { token: teacher.token });
    assert.match(own.headers.get("content-type") ?? "", /^application\/json/);
    assert.equal(own.body.summary, "<script>alert('summary')</script>");
    const me = await call<{ name: string }>("GET", "/api/me", { token: teacher.token });
    assert.equal(me.body.name, '<b>Prof</b> & "Co"');
  });

  it("are text in the CSV: every character kept, formulas neutralised", async () => {
    const reply = await call("GET", `/api/sheets/${sheet.id}/attendances?format=csv`, { token: teacher.token });
    assert.equal(reply.status, 200);
    assert.match(reply.headers.get("content-type") ?? "", /^text\/csv/);
    assert.match(reply.headers.get("content-disposition") ?? "", /^attachment; filename="[A-Za-z0-9_.-]+"$/);
    const rows: string[][] = parse(reply.text, { bom: true });
    const [header, ...body] = rows;
    assert.equal(header?.[1], "Name");
    const names = new Map(body.map((r) => [r[0] ?? "", r[1] ?? ""]));
    for (const [studentNumber, name] of numbers) {
      if (splitFormulas.some((f) => f.replace(/\s+/g, " ") === name)) continue;
      // "-->" is what a reader splitting on spaces would see: a sign followed by more, so it is neutralised too.
      const expected = formulaNames.includes(name) ? `'${name}` : name === "<!-- Zé -->" ? "<!-- Zé '-->" : name;
      assert.equal(names.get(studentNumber), expected, `${studentNumber}'s name in the CSV`);
    }
    assert.ok(reply.text.includes("<script>alert('x')</script>"), "markup was escaped or dropped instead of kept as text");
  });

  it("show no formula to a reader splitting the CSV on any separator, in either language", async () => {
    for (const lang of ["pt", "en"]) {
      const reply = await call("GET", `/api/sheets/${sheet.id}/attendances?format=csv&lang=${lang}`, { token: teacher.token });
      assert.equal(reply.status, 200);
      const text = reply.text.replace(/^\uFEFF/, "");
      for (const separator of [",", ";", "\t", "|", " "]) {
        for (const line of text.split(/\r\n|\r|\n/)) {
          for (const field of line.split(separator))
            assert.doesNotMatch(field, runnable, `${lang}, split on ${JSON.stringify(separator)}: ${JSON.stringify(field)}`);
        }
        const records: string[][] = parse(text, { delimiter: separator, relax_quotes: true, relax_column_count: true });
        for (const field of records.flat())
          assert.doesNotMatch(field, runnable, `${lang}, parsed with ${JSON.stringify(separator)}: ${JSON.stringify(field)}`);
      }
      const [, ...rows]: string[][] = parse(text, { delimiter: lang === "pt" ? ";" : "," });
      assert.ok(
        rows.some((r) => r[1] === "x;'=1+1;x"),
        "the name is kept, its hidden formula neutralised",
      );
    }
  });

  it("are text cells in the XLSX, never formulas, and kept verbatim", async () => {
    const reply = await fetch(`${process.env.TEST_BASE_URL}/api/sheets/${sheet.id}/attendances?format=xlsx`, {
      headers: { authorization: `Bearer ${teacher.token}` },
    });
    assert.equal(reply.status, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await reply.arrayBuffer());
    const names = new Map<string, string>();
    workbook.worksheets[0]?.eachRow((row, line) => {
      row.eachCell((cell) => assert.notEqual(cell.type, ExcelJS.ValueType.Formula, `a formula at ${cell.address}`));
      if (line > 1) names.set(row.getCell(1).text, row.getCell(2).text);
    });
    for (const [studentNumber, name] of numbers) assert.equal(names.get(studentNumber), name);
  });
});
