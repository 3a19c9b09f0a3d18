/**
 * The shared text rules (lib/validations/text.ts) through the API, for every name and summary someone
 * else sees: each refusal is a 400 with the field and the rule's own code, and nothing is stored.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  assertProblem,
  call,
  checkin,
  closeDb,
  newSheet,
  newTeacher,
  PASSWORD,
  type Reply,
  type Sheet,
  type Teacher,
  ticketFor,
  uniqueEmail,
} from "../helpers/api";
import { newCourseUnit, rosterCsv, upload } from "../helpers/rosters";

after(closeDb);

const OVERRIDE = "Ana \u202Egnp.exe\u202C";
const ISOLATE = "Rui \u2067x\u2069";
const INVISIBLE = "\u200B\u200C\u200D\uFEFF";

function assertFieldCode(reply: Reply, field: string, code: string): void {
  assertProblem(reply, 400, "VALIDATION_FAILED");
  const errors = (reply.body as { errors: { field: string; code: string }[] }).errors;
  assert.ok(
    errors.some((e) => e.field === field && e.code === code),
    `${field} ${code} in ${JSON.stringify(errors)}`,
  );
}

describe("text rules for names and summaries others see", () => {
  let teacher: Teacher;
  let sheet: Sheet;
  let unit: string;
  before(async () => {
    teacher = await newTeacher();
    sheet = await newSheet(teacher);
    unit = await newCourseUnit(teacher);
  });

  it("teacher names: on registering and in the profile", async () => {
    const email = uniqueEmail();
    assertFieldCode(await call("POST", "/api/accounts", { body: { email, name: OVERRIDE, password: PASSWORD } }), "name", "text_direction");
    assertFieldCode(
      await call("POST", "/api/accounts", { body: { email, name: INVISIBLE, password: PASSWORD } }),
      "name",
      "text_invisible",
    );
    assertFieldCode(await call("PATCH", "/api/me", { token: teacher.token, body: { name: ISOLATE } }), "name", "text_direction");
    const me = await call<{ name: string }>("GET", "/api/me", { token: teacher.token });
    assert.equal(me.body.name, "Test Teacher");
  });

  it("course-unit names, which every teacher sees", async () => {
    assertFieldCode(
      await call("POST", "/api/course-units", { token: teacher.token, body: { code: "BIDI1", name: OVERRIDE } }),
      "name",
      "text_direction",
    );
    assertFieldCode(
      await call("POST", "/api/course-units", { token: teacher.token, body: { code: "BIDI2", name: INVISIBLE } }),
      "name",
      "text_invisible",
    );
    assertFieldCode(
      await call("POST", "/api/course-units", { token: teacher.token, body: { code: "BIDI3", name: "Eng\u0007" } }),
      "name",
      "text_control",
    );
  });

  it("sheet summaries, new and edited; a summary keeps its lines", async () => {
    const courseUnitId = unit;
    assertFieldCode(
      await call("POST", "/api/sheets", { token: teacher.token, body: { courseUnitId, summary: OVERRIDE } }),
      "summary",
      "text_direction",
    );
    assertFieldCode(
      await call("PATCH", `/api/sheets/${sheet.id}`, { token: teacher.token, body: { summary: `Aula\u200F 2` } }),
      "summary",
      "text_direction",
    );
    assertFieldCode(
      await call("PATCH", `/api/sheets/${sheet.id}`, { token: teacher.token, body: { summary: INVISIBLE } }),
      "summary",
      "text_invisible",
    );
    const edited = await call<{ summary: string }>("PATCH", `/api/sheets/${sheet.id}`, {
      token: teacher.token,
      body: { summary: " Aula 2\r\nRevisão " },
    });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.body.summary, "Aula 2\nRevisão");
  });

  it("student names: at check-in, added by a teacher, in the roster and its files", async () => {
    const ticket = await ticketFor(teacher, sheet);
    assertFieldCode(await checkin(sheet, ticket, { studentNumber: "UP1", name: INVISIBLE }), "name", "text_invisible");
    assertFieldCode(await checkin(sheet, ticket, { studentNumber: "UP1", name: OVERRIDE }), "name", "text_direction");
    assertFieldCode(
      await call("POST", `/api/sheets/${sheet.id}/attendances`, { token: teacher.token, body: { studentNumber: "UP2", name: ISOLATE } }),
      "name",
      "text_direction",
    );
    assertFieldCode(
      await call("POST", `/api/course-units/${unit}/roster`, {
        token: teacher.token,
        body: { studentNumber: "UP3", name: "Ana", group: "T\u202E1" },
      }),
      "group",
      "text_direction",
    );
    const added = await call("POST", `/api/course-units/${unit}/roster`, {
      token: teacher.token,
      body: { studentNumber: "UP3", name: "Ana Lima" },
    });
    assert.equal(added.status, 201, added.text);
    assertFieldCode(
      await call("PATCH", `/api/course-units/${unit}/roster/UP3`, { token: teacher.token, body: { name: INVISIBLE } }),
      "name",
      "text_invisible",
    );
    const file = rosterCsv([
      { number: "UP4", name: "Rui Sá" },
      { number: "UP5", name: OVERRIDE },
      { number: "UP6", name: INVISIBLE },
    ]);
    const preview = await upload<{ invalid: { line: number; reasons: string[] }[] }>(teacher, unit, "preview", file);
    assert.equal(preview.status, 200, preview.text);
    assert.deepEqual(
      preview.body.invalid.map((i) => i.line),
      [3, 4],
    );
    assert.match(preview.body.invalid[0]?.reasons.join() ?? "", /name: must not contain characters that change the text's direction/);
    assert.match(preview.body.invalid[1]?.reasons.join() ?? "", /name: must have at least one visible character/);
  });

  it("status notes, which co-teachers and exports show", async () => {
    const added = await call("POST", `/api/sheets/${sheet.id}/attendances`, {
      token: teacher.token,
      body: { studentNumber: "UP7", name: "Ana Lima" },
    });
    assert.equal(added.status, 201, added.text);
    const reply = await call("PUT", `/api/sheets/${sheet.id}/attendances/UP7/status`, {
      token: teacher.token,
      body: { status: "excused", note: "atestado\u202E" },
    });
    assertFieldCode(reply, "note", "text_direction");
  });
});
