import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { call, checkin, closeDb, db, newSheet, newTeacher, ticketFor } from "../helpers/api";

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
    const replies = await Promise.all(
      Array.from({ length: 100 }, () => checkin(sheet, ticket, { studentNumber: "UP100", name: "Same Student" })),
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
    const statuses: number[] = [];
    // Each student is a browser with a ticket of its own (fetched first, so the registrations arrive at once).
    const tickets = await Promise.all(Array.from({ length: 500 }, () => ticketFor(teacher, sheet)));
    // Like the check-in page, a client that is told 503 (busy) tries again after Retry-After.
    const register = async (i: number) => {
      const ticket = tickets[i] ?? "";
      for (let attempt = 0; ; attempt++) {
        const reply = await checkin(sheet, ticket, { studentNumber: `UP${i}`, name: `Student ${i}` });
        statuses.push(reply.status);
        if (reply.status !== 503 || attempt === 5) return reply.status;
        await new Promise((r) => setTimeout(r, Number(reply.headers.get("retry-after") ?? 1) * 1000));
      }
    };
    const finals = await Promise.all(Array.from({ length: 500 }, (_, i) => register(i)));
    assert.ok(
      finals.every((s) => s === 201 || s === 200),
      `final statuses: ${[...new Set(finals)].join(",")}`,
    );
    assert.ok(
      statuses.every((s) => s < 500 || s === 503),
      `statuses: ${[...new Set(statuses)].join(",")}`,
    );
    assert.equal(await attendanceCount(sheet.id), 500);
  });

  it("a close racing registrations: no accepted entry carries a time after the sheet's close time", async () => {
    const teacher = await newTeacher();
    for (let round = 0; round < 3; round++) {
      const sheet = await newSheet(teacher, `Race ${round}`);
      const tickets = await Promise.all(Array.from({ length: 150 }, () => ticketFor(teacher, sheet)));
      const registrations = tickets.map((ticket, i) => checkin(sheet, ticket, { studentNumber: `UP${round}${i}`, name: `Student ${i}` }));
      const close = call("PATCH", `/api/sheets/${sheet.id}`, { token: teacher.token, body: { status: "closed" } });
      const [closed, ...replies] = await Promise.all([close, ...registrations]);
      assert.equal(closed.status, 200, closed.text);
      const accepted = replies.filter((r) => r.status === 201);
      assert.ok(
        replies.every((r) => r.status === 201 || r.status === 409 || r.status === 503),
        `statuses: ${[...new Set(replies.map((r) => r.status))].join(",")}`,
      );
      const { rows } = await db().query<{ late: string; total: string; closedAt: Date }>(
        `SELECT count(*) FILTER (WHERE a.created_at > s.closed_at) AS late, count(a.id) AS total, s.closed_at AS "closedAt"
          FROM sheets s LEFT JOIN attendances a ON a.sheet_id = s.id WHERE s.id = $1 GROUP BY s.closed_at`,
        [sheet.id],
      );
      assert.equal(Number(rows[0]?.total), accepted.length, "every accepted check-in is stored, and nothing else");
      assert.equal(Number(rows[0]?.late), 0, `round ${round}: entries timed after the close at ${rows[0]?.closedAt.toISOString()}`);
      for (const reply of accepted)
        assert.ok(new Date(String(reply.body.createdAt)) <= rows[0]!.closedAt, "an answer's time after the close");
    }
  });
});
