import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { checkin, closeDb, db, deviceId, newSheet, newTeacher, ticketFor } from "../helpers/api";

after(closeDb);

async function attendanceCount(sheetId: string): Promise<number> {
  const { rows } = await db().query<{ n: string }>("SELECT count(*) AS n FROM attendances WHERE sheet_id = $1", [sheetId]);
  return Number(rows[0]?.n);
}

describe("concurrent check-ins", () => {
  it("100 simultaneous submissions of one student give exactly one attendance and no 5xx", async () => {
    const teacher = await newTeacher();
    const sheet = await newSheet(teacher);
    const ticket = await ticketFor(teacher, sheet);
    const device = deviceId();
    const replies = await Promise.all(
      Array.from({ length: 100 }, () => checkin(sheet, ticket, { studentNumber: "UP100", name: "Same Student", deviceId: device })),
    );
    const statuses = replies.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, 1, `statuses: ${statuses.join(",")}`);
    assert.equal(statuses.filter((s) => s === 200).length, 99);
    assert.equal(new Set(replies.map((r) => r.body.id)).size, 1);
    assert.equal(await attendanceCount(sheet.id), 1);
  });

  it("500 distinct students registering at once give exactly 500 rows", async () => {
    const teacher = await newTeacher();
    const sheet = await newSheet(teacher);
    const ticket = await ticketFor(teacher, sheet);
    const replies = await Promise.all(
      Array.from({ length: 500 }, (_, i) => checkin(sheet, ticket, { studentNumber: `UP${i}`, name: `Student ${i}` })),
    );
    const statuses = replies.map((r) => r.status);
    assert.deepEqual([...new Set(statuses)], [201], `statuses: ${[...new Set(statuses)].join(",")}`);
    assert.equal(await attendanceCount(sheet.id), 500);
  });
});
