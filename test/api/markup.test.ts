/**
 * Names full of markup stay text: the API returns them as JSON strings (never as HTML), and the CSV
 * export carries them character for character, with formula-looking cells neutralised. The pages that
 * show these names are checked by the browser tests of the pages themselves.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import { call, checkin, closeDb, newSheet, newTeacher, type Sheet, type Teacher, ticketFor } from "../helpers/api";

after(closeDb);

const hostileNames = [
  "<script>alert('x')</script>",
  "<img src=x onerror=alert(1)>",
  "\"><svg onload=alert(1)>",
  "</td><td>Ana</td>",
  "&lt;b&gt;Rui&amp;",
  "<!-- Zé -->",
  "Ana, \"Zé\"; Silva",
];
const formulaNames = ["=HYPERLINK(\"http://example.invalid\",\"x\")", "+SUM(1,2)", "-1+2 Ana", "@cmd Rui"];

describe("names full of markup", () => {
  let teacher: Teacher;
  let sheet: Sheet;
  const numbers = new Map<string, string>();

  before(async () => {
    teacher = await newTeacher("<b>Prof</b> & \"Co\"");
    sheet = await newSheet(teacher, "<script>alert('summary')</script>");
    const ticket = await ticketFor(teacher, sheet);
    for (const [i, name] of [...hostileNames, ...formulaNames].entries()) {
      const studentNumber = `UP2023${String(i).padStart(5, "0")}`;
      // Half register themselves, half are added by the teacher.
      const reply =
        i % 2 === 0
          ? await checkin(sheet, ticket, { studentNumber, name })
          : await call("POST", `/api/sheets/${sheet.id}/attendances`, { token: teacher.token, body: { studentNumber, name } });
      assert.equal(reply.status, 201, reply.text);
      assert.equal(reply.body.name, name, "the name came back altered");
      numbers.set(studentNumber, name);
    }
  });

  it("come back verbatim as JSON strings, never as HTML", async () => {
    const list = await call<{ items: { studentNumber: string; name: string }[] }>("GET", `/api/sheets/${sheet.id}/attendances`, { token: teacher.token });
    assert.match(list.headers.get("content-type") ?? "", /^application\/json/);
    assert.deepEqual(new Map(list.body.items.map((a) => [a.studentNumber, a.name])), numbers);
    const pub = await call<{ summary: string; teacherName: string }>("GET", `/api/checkin/${sheet.code}`);
    assert.match(pub.headers.get("content-type") ?? "", /^application\/json/);
    assert.equal(pub.body.summary, "<script>alert('summary')</script>");
    assert.equal(pub.body.teacherName, "<b>Prof</b> & \"Co\"");
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
      const expected = formulaNames.includes(name) ? `'${name}` : name;
      assert.equal(names.get(studentNumber), expected, `${studentNumber}'s name in the CSV`);
    }
    assert.ok(reply.text.includes("<script>alert('x')</script>"), "markup was escaped or dropped instead of kept as text");
  });
});
