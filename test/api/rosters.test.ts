/**
 * Rosters, co-teachers, statuses, the roster check of a sheet, the term report, exports and a student's
 * data, against the built server and its database.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import ExcelJS from "exceljs";
import { assertProblem, call, checkin, closeDb, db, newTeacher, ticketFor, type Teacher } from "../helpers/api";
import { download, newCourseUnit, rosterCsv, rosterXlsx, sheetIn, students, upload, zipOf } from "../helpers/rosters";

after(closeDb);

type Preview = {
  counts: { add: number; update: number; unchanged: number; remove: number; invalid: number };
  add: { line: number; studentNumber: string }[];
  update: { studentNumber: string; name: string; before: { name: string } }[];
  invalid: { line: number; reasons: string[] }[];
};

const rosterOf = async (teacher: Teacher, unit: string) =>
  (
    await call<{ items: { studentNumber: string; name: string; email: string | null; group: string | null }[] }>(
      "GET",
      `/api/course-units/${unit}/roster`,
      { token: teacher.token },
    )
  ).body.items;

describe("roster import", () => {
  let owner: Teacher;
  let unit: string;
  before(async () => {
    owner = await newTeacher("Roster Owner");
    unit = await newCourseUnit(owner);
  });

  it("previews a CSV (add, invalid with line numbers and reasons) without saving anything", async () => {
    const csv = `${rosterCsv(students(3))}\r\nnot a number!;Ana;;\r\nUP202400001;Duplicada;;\r\nUP202400009;X;;`;
    const preview = await upload<Preview>(owner, unit, "preview", csv);
    assert.equal(preview.status, 200, preview.text);
    assert.deepEqual(preview.body.counts, { add: 3, update: 0, unchanged: 0, remove: 0, invalid: 3 });
    assert.deepEqual(
      preview.body.add.map((a) => a.line),
      [2, 3, 4],
    );
    assert.deepEqual(
      preview.body.invalid.map((i) => i.line),
      [5, 6, 7],
    );
    assert.match(preview.body.invalid[0]?.reasons.join() ?? "", /studentNumber/);
    assert.match(preview.body.invalid[1]?.reasons.join() ?? "", /repeats line 2/);
    assert.match(preview.body.invalid[2]?.reasons.join() ?? "", /name/);
    assert.equal((await rosterOf(owner, unit)).length, 0);
  });

  it("refuses to apply a file with an invalid row, and changes nothing", async () => {
    const reply = await upload(owner, unit, "import", `${rosterCsv(students(2))}\r\n;Sem número;;`);
    assertProblem(reply, 422, "ROSTER_FILE_INVALID");
    assert.match(reply.text, /line 4/);
    assert.equal((await rosterOf(owner, unit)).length, 0);
  });

  it("refuses files that are not a roster with a 4xx", async () => {
    for (const file of ["", "a,b\r\n1,2", "\u0000\u0001garbage", Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])]) {
      const reply = await upload(owner, unit, "import", file);
      assertProblem(reply, 422, "ROSTER_FILE_INVALID");
    }
    const latin1 = Buffer.from("Número;Nome\r\nUP1;José\r\n", "latin1");
    assertProblem(await upload(owner, unit, "preview", latin1), 422, "ROSTER_FILE_INVALID");
  });

  it("refuses a workbook that unpacks to far more than a roster, before unpacking it", async () => {
    // 100 MB of one repeated byte deflates to about 100 kB: small to send, costly to unpack.
    const bomb = await zipOf({
      "[Content_Types].xml": Buffer.from("<Types/>"),
      "xl/worksheets/sheet1.xml": Buffer.alloc(100 * 1024 * 1024, 0x20),
    });
    assert.ok(bomb.length < 1024 * 1024, `the archive is ${bomb.length} bytes`);
    const reply = await upload(owner, unit, "preview", bomb);
    assertProblem(reply, 422, "ROSTER_FILE_INVALID");
    assert.match(reply.text, /unpacks to more than/);
    const manyParts = await zipOf(Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`xl/part${i}.xml`, Buffer.from("<x/>")])));
    assert.match((await upload(owner, unit, "preview", manyParts)).text, /more than 1000 parts/);
    assert.equal((await upload(owner, unit, "preview", await rosterXlsx(students(2)))).status, 200, "an ordinary workbook is still read");
  });

  it("imports an XLSX, then merges a CSV (update, unchanged), then replaces", async () => {
    const first = students(4);
    const applied = await upload<{ counts: Preview["counts"] }>(owner, unit, "import", await rosterXlsx(first));
    assert.equal(applied.status, 200, applied.text);
    assert.equal(applied.body.counts.add, 4);
    const stored = await rosterOf(owner, unit);
    assert.deepEqual(stored[0], {
      studentNumber: "UP202400001",
      name: "Estudante 1",
      email: "e1@example.org",
      group: "T1",
      updatedAt: (stored[0] as { updatedAt?: string }).updatedAt,
    });

    const changed = [{ ...first[0]!, name: "Estudante Um" }, first[1]!];
    const preview = await upload<Preview>(owner, unit, "preview", rosterCsv(changed, ","));
    assert.deepEqual(preview.body.counts, { add: 0, update: 1, unchanged: 1, remove: 0, invalid: 0 });
    assert.equal(preview.body.update[0]?.before.name, "Estudante 1");
    await upload(owner, unit, "import", rosterCsv(changed, ","));
    assert.equal((await rosterOf(owner, unit)).length, 4, "merge keeps students missing from the file");

    const replace = await upload<Preview>(owner, unit, "preview", rosterCsv(changed), "replace");
    assert.equal(replace.body.counts.remove, 2);
    await upload(owner, unit, "import", rosterCsv(changed), "replace");
    assert.deepEqual(
      (await rosterOf(owner, unit)).map((s) => [s.studentNumber, s.name]),
      [
        ["UP202400001", "Estudante Um"],
        ["UP202400002", "Estudante 2"],
      ],
    );
  });

  it("imports 5,000 rows in one transaction", async () => {
    const big = await newCourseUnit(owner);
    const reply = await upload<{ counts: Preview["counts"] }>(owner, big, "import", rosterCsv(students(5000)));
    assert.equal(reply.status, 200, reply.text);
    assert.equal(reply.body.counts.add, 5000);
    const { rows } = await db().query<{ n: number; stamps: number }>(
      "SELECT count(*)::int AS n, count(DISTINCT xmin::text)::int AS stamps FROM roster_students WHERE course_unit_id = $1",
      [big],
    );
    assert.deepEqual(rows[0], { n: 5000, stamps: 1 }, "every row written by one transaction");
  });

  it("adds, edits and removes single students", async () => {
    const path = `/api/course-units/${unit}/roster`;
    const added = await call("POST", path, {
      token: owner.token,
      body: { studentNumber: "up 2024 99", name: "  Nova   Aluna ", group: "T2" },
    });
    assert.equal(added.status, 201, added.text);
    assert.equal(added.body.studentNumber, "UP202499");
    assertProblem(
      await call("POST", path, { token: owner.token, body: { studentNumber: "UP202499", name: "Outra" } }),
      400,
      "VALIDATION_FAILED",
    );
    const edited = await call("PATCH", `${path}/UP202499`, { token: owner.token, body: { email: "nova@example.org", group: "" } });
    assert.equal(edited.status, 200);
    assert.deepEqual([edited.body.email, edited.body.group, edited.body.name], ["nova@example.org", null, "Nova Aluna"]);
    assert.equal((await call("DELETE", `${path}/UP202499`, { token: owner.token })).status, 204);
    assertProblem(await call("DELETE", `${path}/UP202499`, { token: owner.token }), 404, "NOT_FOUND");
  });
});

describe("co-teachers", () => {
  it("share the roster, the sheets and the report; others and removed members get 404", async () => {
    const owner = await newTeacher("Regente");
    const colleague = await newTeacher("Colega");
    const stranger = await newTeacher("Estranho");
    const unit = await newCourseUnit(owner);
    const sheet = await sheetIn(owner, unit);
    const strangerSheet = await sheetIn(stranger, unit, "not the team's");

    assertProblem(await call("GET", `/api/course-units/${unit}/roster`, { token: colleague.token }), 404, "NOT_FOUND");
    assertProblem(await call("GET", `/api/sheets/${sheet.id}`, { token: colleague.token }), 404, "SHEET_NOT_FOUND");
    assertProblem(
      await call("POST", `/api/course-units/${unit}/teachers`, { token: owner.token, body: { email: "nobody@example.org" } }),
      400,
      "VALIDATION_FAILED",
    );

    const invited = await call("POST", `/api/course-units/${unit}/teachers`, {
      token: owner.token,
      body: { email: colleague.email.toUpperCase() },
    });
    assert.equal(invited.status, 201, invited.text);
    assert.equal(
      (await call("POST", `/api/course-units/${unit}/teachers`, { token: owner.token, body: { email: colleague.email } })).status,
      200,
    );
    assertProblem(
      await call("POST", `/api/course-units/${unit}/teachers`, { token: colleague.token, body: { email: stranger.email } }),
      403,
      "NOT_TEAM_OWNER",
    );

    assert.equal((await call("GET", `/api/course-units/${unit}/roster`, { token: colleague.token })).status, 200);
    assert.equal((await call("GET", `/api/sheets/${sheet.id}`, { token: colleague.token })).status, 200);
    assert.equal((await call("GET", `/api/course-units/${unit}/report`, { token: colleague.token })).status, 200);
    const listed = await call<{ items: { id: string }[] }>("GET", `/api/sheets?courseUnitId=${unit}`, { token: colleague.token });
    assert.deepEqual(
      listed.body.items.map((s) => s.id),
      [sheet.id],
      "a non-member's sheet on the same unit stays private",
    );
    assertProblem(await call("GET", `/api/sheets/${strangerSheet.id}`, { token: colleague.token }), 404, "SHEET_NOT_FOUND");
    const team = await call<{ items: { email: string; role: string }[] }>("GET", `/api/course-units/${unit}/teachers`, {
      token: colleague.token,
    });
    assert.deepEqual(
      team.body.items.map((m) => m.role),
      ["owner", "member"],
    );

    assertProblem(await call("DELETE", `/api/course-units/${unit}/teachers/${owner.id}`, { token: owner.token }), 404, "NOT_FOUND");
    assert.equal((await call("DELETE", `/api/course-units/${unit}/teachers/${colleague.id}`, { token: owner.token })).status, 204);
    assertProblem(await call("GET", `/api/sheets/${sheet.id}`, { token: colleague.token }), 404, "SHEET_NOT_FOUND");
    assertProblem(await call("GET", `/api/course-units/${unit}/report`, { token: colleague.token }), 404, "NOT_FOUND");
  });
});

describe("statuses, absentees and typo suggestions", () => {
  let owner: Teacher;
  let unit: string;
  before(async () => {
    owner = await newTeacher("Status Owner");
    unit = await newCourseUnit(owner);
    await upload(owner, unit, "import", rosterCsv(students(4, "UP1")));
  });

  it("shows absentees, entries not on the roster with one-typo suggestions, and corrects in one call", async () => {
    const sheet = await sheetIn(owner, unit);
    // Each student on a phone of their own: a ticket registers one student.
    assert.equal((await checkin(sheet, await ticketFor(owner, sheet), { studentNumber: "UP100001", name: "Estudante 1" })).status, 201);
    // Two neighbours swapped (UP100002 → UP100020), and a number nowhere near the roster.
    assert.equal((await checkin(sheet, await ticketFor(owner, sheet), { studentNumber: "UP100020", name: "Estudante 2" })).status, 201);
    assert.equal((await checkin(sheet, await ticketFor(owner, sheet), { studentNumber: "ZZ999", name: "Visitante" })).status, 201);
    type Check = {
      entries: { studentNumber: string; status: string; onRoster: boolean }[];
      absentees: { studentNumber: string }[];
      notOnRoster: { studentNumber: string; suggestions: { studentNumber: string }[] }[];
    };
    const check = await call<Check>("GET", `/api/sheets/${sheet.id}/roster`, { token: owner.token });
    assert.equal(check.status, 200, check.text);
    assert.deepEqual(
      check.body.absentees.map((a) => a.studentNumber),
      ["UP100002", "UP100003", "UP100004"],
    );
    assert.deepEqual(
      check.body.notOnRoster.map((n) => [n.studentNumber, n.suggestions.map((s) => s.studentNumber)]),
      [
        ["UP100020", ["UP100002"]],
        ["ZZ999", []],
      ],
    );
    assert.deepEqual(
      check.body.entries.map((e) => e.status),
      ["present", "present", "present"],
    );

    const fixed = await call("POST", `/api/sheets/${sheet.id}/attendances/UP100020/correction`, {
      token: owner.token,
      body: { studentNumber: "UP100002" },
    });
    assert.equal(fixed.status, 200, fixed.text);
    assertProblem(
      await call("POST", `/api/sheets/${sheet.id}/attendances/UP100001/correction`, {
        token: owner.token,
        body: { studentNumber: "UP100002" },
      }),
      400,
      "VALIDATION_FAILED",
    );
    const after = await call<Check>("GET", `/api/sheets/${sheet.id}/roster`, { token: owner.token });
    assert.deepEqual(
      after.body.absentees.map((a) => a.studentNumber),
      ["UP100003", "UP100004"],
    );
  });

  it("marks late check-ins after the sheet's late-after time, and lets the teacher set any status", async () => {
    const sheet = await sheetIn(owner, unit);
    const opened = await call<{ lateAfter: string; createdAt: string }>("GET", `/api/sheets/${sheet.id}`, { token: owner.token });
    assert.equal(Date.parse(opened.body.lateAfter) - Date.parse(opened.body.createdAt), 15 * 60_000, "15 minutes by default");
    const ticket = await ticketFor(owner, sheet);
    await checkin(sheet, ticket, { studentNumber: "UP100001", name: "Estudante 1" });
    const past = await call("PATCH", `/api/sheets/${sheet.id}`, {
      token: owner.token,
      body: { lateAfter: new Date(Date.now() - 60_000).toISOString() },
    });
    assert.equal(past.status, 200, past.text);
    await checkin(sheet, await ticketFor(owner, sheet), { studentNumber: "UP100002", name: "Estudante 2" });
    // The first arrived before the time moved back, so it is late too now; set it present by hand.
    const present = await call("PUT", `/api/sheets/${sheet.id}/attendances/UP100001/status`, {
      token: owner.token,
      body: { status: "present" },
    });
    assert.equal(present.body.status, "present");
    const excused = await call("PUT", `/api/sheets/${sheet.id}/attendances/UP100003/status`, {
      token: owner.token,
      body: { status: "excused", note: "Atestado médico" },
    });
    assert.equal(excused.status, 200, excused.text);
    assert.deepEqual([excused.body.status, excused.body.statusNote, excused.body.name], ["excused", "Atestado médico", "Estudante 3"]);
    assertProblem(
      await call("PUT", `/api/sheets/${sheet.id}/attendances/NOTROSTER1/status`, { token: owner.token, body: { status: "excused" } }),
      404,
      "NOT_FOUND",
    );
    assertProblem(
      await call("PUT", `/api/sheets/${sheet.id}/attendances/UP100001/status`, { token: owner.token, body: { status: "asleep" } }),
      400,
      "VALIDATION_FAILED",
    );
    const check = await call<{ entries: { studentNumber: string; status: string }[]; absentees: { studentNumber: string }[] }>(
      "GET",
      `/api/sheets/${sheet.id}/roster`,
      { token: owner.token },
    );
    assert.deepEqual(
      check.body.entries.map((e) => [e.studentNumber, e.status]),
      [
        ["UP100001", "present"],
        ["UP100002", "late"],
        ["UP100003", "excused"],
      ],
    );
    assert.deepEqual(
      check.body.absentees.map((a) => a.studentNumber),
      ["UP100004"],
    );
  });

  it("takes the check-in of a student marked excused or absent who came after all, and only theirs", async () => {
    const sheet = await sheetIn(owner, unit);
    for (const [number, status] of [
      ["UP100003", "excused"],
      ["UP100004", "absent"],
    ]) {
      assert.equal(
        (await call("PUT", `/api/sheets/${sheet.id}/attendances/${number}/status`, { token: owner.token, body: { status, note: "x" } }))
          .status,
        200,
      );
    }
    const came = await checkin(sheet, await ticketFor(owner, sheet), { studentNumber: "UP100003", name: "Estudante 3" });
    assert.equal(came.status, 201, came.text);
    const check = await call<{ entries: { studentNumber: string; status: string; statusNote: string | null }[] }>(
      "GET",
      `/api/sheets/${sheet.id}/roster`,
      { token: owner.token },
    );
    const entry = check.body.entries.find((e) => e.studentNumber === "UP100003");
    assert.deepEqual([entry?.status, entry?.statusNote ?? null], ["present", null]);
    // A second browser for the same number is refused as for any registered student.
    assertProblem(
      await checkin(sheet, await ticketFor(owner, sheet), { studentNumber: "UP100003", name: "Estudante 3" }),
      409,
      "STUDENT_ALREADY_REGISTERED",
    );
    // An entry the student checked in themselves, which the teacher then marked absent, is not taken over.
    const own = await checkin(sheet, await ticketFor(owner, sheet), { studentNumber: "UP100001", name: "Estudante 1" });
    assert.equal(own.status, 201);
    await call("PUT", `/api/sheets/${sheet.id}/attendances/UP100001/status`, { token: owner.token, body: { status: "absent" } });
    assertProblem(
      await checkin(sheet, await ticketFor(owner, sheet), { studentNumber: "UP100001", name: "Estudante 1" }),
      409,
      "STUDENT_ALREADY_REGISTERED",
    );
    const late = await ticketFor(owner, sheet);
    assert.equal((await call("PATCH", `/api/sheets/${sheet.id}`, { token: owner.token, body: { status: "closed" } })).status, 200);
    assertProblem(await checkin(sheet, late, { studentNumber: "UP100004", name: "Estudante 4" }), 409, "SHEET_CLOSED");
  });
});

describe("term report and exports", () => {
  let owner: Teacher;
  let unit: string;
  let sheets: { id: string }[];
  before(async () => {
    owner = await newTeacher("Report Owner");
    unit = await newCourseUnit(owner);
    await upload(owner, unit, "import", rosterCsv(students(4, "UP3")));
    await call("PATCH", `/api/course-units/${unit}`, { token: owner.token, body: { minimumRate: 75 } });
    sheets = [];
    for (const [i, attendees] of [
      ["UP300001", "UP300002", "UP300003"],
      ["UP300001", "UP300002"],
      ["UP300001", "=cmd|' /C calc'!A0"],
    ].entries()) {
      const sheet = await sheetIn(owner, unit, `Aula ${i + 1}; "teórica"`);
      sheets.push(sheet);
      for (const n of attendees) {
        await call("POST", `/api/sheets/${sheet.id}/attendances`, {
          token: owner.token,
          body: { studentNumber: n.startsWith("=") ? "UP300004" : n, name: n.startsWith("=") ? n : `Estudante ${n.slice(-1)}` },
        });
      }
    }
    await call("PUT", `/api/sheets/${sheets[1]!.id}/attendances/UP300003/status`, {
      token: owner.token,
      body: { status: "excused", note: "doente" },
    });
    await call("PUT", `/api/sheets/${sheets[0]!.id}/attendances/UP300002/status`, { token: owner.token, body: { status: "late" } });
  });

  type Report = {
    sessions: { counts: Record<string, number> }[];
    students: { studentNumber: string; statuses: string[]; rate: number | null; belowMinimum: boolean }[];
    distribution: { from: number; students: number }[];
  };

  it("grids statuses, rates against the minimum and per-session counts (JSON)", async () => {
    const report = await call<Report>("GET", `/api/course-units/${unit}/report`, { token: owner.token });
    assert.equal(report.status, 200, report.text);
    assert.deepEqual(
      report.body.students.map((s) => [s.studentNumber, s.statuses.join(), s.rate, s.belowMinimum]),
      [
        ["UP300001", "present,present,present", 100, false],
        ["UP300002", "late,present,absent", 66.7, true],
        ["UP300003", "present,excused,absent", 50, true],
        ["UP300004", "absent,absent,present", 33.3, true],
      ],
    );
    assert.deepEqual(
      report.body.sessions.map((s) => s.counts),
      [
        { present: 2, late: 1, excused: 0, absent: 1, erased: 0 },
        { present: 2, late: 0, excused: 1, absent: 1, erased: 0 },
        { present: 2, late: 0, excused: 0, absent: 2, erased: 0 },
      ],
    );
    assert.equal(
      report.body.distribution.reduce((n, b) => n + b.students, 0),
      4,
    );
    const t1 = await call<Report>("GET", `/api/course-units/${unit}/report?group=T1`, { token: owner.token });
    assert.deepEqual(
      t1.body.students.map((s) => s.studentNumber),
      ["UP300001", "UP300004"],
    );
  });

  it("exports the report as XLSX with typed numbers and localised statuses", async () => {
    const file = await download(`/api/course-units/${unit}/report?format=xlsx&lang=pt`, owner.token);
    assert.equal(file.status, 200);
    assert.match(file.headers.get("content-type") ?? "", /spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(header.slice(0, 4), ["Unidade curricular", "Número de estudante", "Nome", "Turma"]);
    const row = (sheet.getRow(3).values as unknown[]).slice(1);
    assert.deepEqual(row.slice(1, 7), ["UP300002", "Estudante 2", "T2", "atrasado", "presente", "falta"]);
    assert.equal(row[11], 66.7);
    assert.equal(typeof row[7], "number");
  });

  it("exports a sheet as XLSX with local dates and as CSV per language, formula-safe", async () => {
    const id = sheets[2]!.id;
    const { rows } = await db().query<{ created_at: Date }>(
      "SELECT created_at FROM attendances WHERE sheet_id = $1 AND student_number = 'UP300001'",
      [id],
    );
    const at = rows[0]!.created_at;
    const lisbon = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Lisbon", dateStyle: "short", timeStyle: "medium" }).format(at);

    const xlsx = await download(`/api/sheets/${id}/attendances?format=xlsx`, owner.token, { "accept-language": "en" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1, 5), [
      "Student number",
      "Name",
      "Status",
      "Checked in at (Europe/Lisbon)",
    ]);
    const first = (sheet.getRow(2).values as unknown[]).slice(1);
    assert.equal(first[0], "UP300001");
    assert.equal(first[2], "present");
    assert.ok(first[3] instanceof Date, "the time is a typed date cell");
    assert.equal(first[3].toISOString().slice(0, 19).replace("T", " "), lisbon);
    const hostile = (sheet.getRow(3).values as unknown[]).slice(1);
    assert.equal(hostile[1], "=cmd|' /C calc'!A0", "text cells keep the name as text");
    assert.equal(sheet.getRow(3).getCell(2).type, ExcelJS.ValueType.String);
    const absent = (sheet.getRow(4).values as unknown[]).slice(1);
    assert.deepEqual([absent[0], absent[2]], ["UP300002", "absent"]);

    const pt = await download(`/api/sheets/${id}/attendances?format=csv`, owner.token, { "accept-language": "pt-PT,pt;q=0.9" });
    const ptText = pt.bytes.toString("utf8");
    assert.ok(ptText.startsWith("\uFEFFNúmero de estudante;Nome;Estado;Hora de registo (Europe/Lisbon);Como;Nota;Unidade curricular;"));
    assert.ok(
      ptText.includes(`UP300001;Estudante 1;presente;${lisbon};código escrito`) ||
        ptText.includes(`UP300001;Estudante 1;presente;${lisbon};adicionado por docente`),
    );
    assert.ok(ptText.includes(`"Aula 3; ""teórica"""`), "the summary is there, quoted");
    assert.ok(ptText.includes(`"'=cmd|' /C calc'!A0"`) || ptText.includes(`'=cmd|' /C calc'!A0`), "the formula is neutralised");
    assert.ok(!/[;,]=cmd/.test(ptText));

    const en = await download(`/api/sheets/${id}/attendances?format=csv&lang=en`, owner.token, { "accept-language": "pt" });
    const enText = en.bytes.toString("utf8");
    assert.ok(enText.startsWith("\uFEFFStudent number,Name,Status,Checked in at (Europe/Lisbon),How,Note,Course unit,"));
    assert.ok(enText.includes(`UP300001,Estudante 1,present,${lisbon},added by a teacher`));
    assert.ok(enText.includes("UP300002,Estudante 2,absent,"));

    const reportCsv = await download(`/api/course-units/${unit}/report?format=csv&lang=pt`, owner.token);
    assert.match(reportCsv.bytes.toString("utf8"), /UP300003;Estudante 3;T3;presente;justificado;falta;1;0;1;1;50;sim/);
  });

  it("gives a student's data and erases it; the report counts the erased entries", async () => {
    const data = await call<{ rosters: unknown[]; attendances: { sheet: { id: string }; status: string }[] }>(
      "GET",
      "/api/students/UP300003",
      { token: owner.token },
    );
    assert.equal(data.status, 200, data.text);
    assert.equal(data.body.rosters.length, 1);
    assert.deepEqual(
      data.body.attendances.map((a) => a.status),
      ["present", "excused"],
    );
    const other = await newTeacher("Outro");
    assertProblem(await call("GET", "/api/students/UP300003", { token: other.token }), 404, "NOT_FOUND");
    assertProblem(await call("DELETE", "/api/students/UP300003", { token: other.token }), 404, "NOT_FOUND");

    const erased = await call("DELETE", "/api/students/UP300003", { token: owner.token });
    assert.equal(erased.status, 200, erased.text);
    assert.deepEqual(erased.body.erased, { attendances: 2, rosterEntries: 1 });
    assertProblem(await call("GET", "/api/students/UP300003", { token: owner.token }), 404, "NOT_FOUND");
    const { rows } = await db().query(
      "SELECT 1 FROM attendances WHERE student_number = 'UP300003' UNION ALL SELECT 1 FROM roster_students WHERE student_number = 'UP300003'",
    );
    assert.equal(rows.length, 0);
    const report = await call<Report>("GET", `/api/course-units/${unit}/report`, { token: owner.token });
    assert.deepEqual(
      report.body.sessions.map((s) => s.counts.erased),
      [1, 1, 0],
    );
    assert.ok(!report.body.students.some((s) => s.studentNumber === "UP300003"));
  });
});
