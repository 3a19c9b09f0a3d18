import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { after, describe, it } from "node:test";
import pg from "pg";
import { baseUrl, browserSession, call, checkin, closeDb, db, newSheet, newTeacher, PASSWORD, ticketFor } from "../helpers/api";
import { openStream } from "../helpers/sse";

after(closeDb);

type Change = { seq: number; kind: string; count: number; entry: { studentNumber: string; name: string; removedAt: string | null } | null };

const eventsUrl = (id: string, query = "") => `${baseUrl}/api/sheets/${id}/events${query}`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("a sheet's live stream", () => {
  it("replays every change from the start, then sends new ones as they happen, numbered without gaps", async () => {
    const teacher = await newTeacher();
    const sheet = await newSheet(teacher);
    const ticket = await ticketFor(teacher, sheet);
    assert.equal((await checkin(sheet, ticket, { studentNumber: "UP1", name: "Ana Lima" })).status, 201);
    assert.equal(
      (await call("POST", `/api/sheets/${sheet.id}/attendances`, { token: teacher.token, body: { studentNumber: "UP2", name: "Bruno" } }))
        .status,
      201,
    );

    const stream = await openStream(eventsUrl(sheet.id), bearer(teacher.token));
    try {
      assert.equal(stream.status, 200);
      assert.match(stream.headers.get("content-type") ?? "", /^text\/event-stream/);
      assert.equal(stream.headers.get("x-accel-buffering"), "no");
      assert.match(stream.headers.get("cache-control") ?? "", /no-store/);
      const hint = await stream.next();
      assert.ok(hint?.retry && hint.retry > 0, "the stream opens with a retry hint");

      const first = await stream.nextChange<Change>();
      const second = await stream.nextChange<Change>();
      assert.deepEqual([first?.id, first?.kind, first?.count, first?.entry?.studentNumber], ["1", "added", 1, "UP1"]);
      assert.deepEqual([second?.id, second?.kind, second?.count, second?.entry?.studentNumber], ["2", "added", 2, "UP2"]);

      assert.equal((await call("DELETE", `/api/sheets/${sheet.id}/attendances/UP1`, { token: teacher.token })).status, 200);
      const removed = await stream.nextChange<Change>();
      assert.deepEqual([removed?.seq, removed?.kind, removed?.count, Boolean(removed?.entry?.removedAt)], [3, "removed", 1, true]);
      assert.equal((await call("POST", `/api/sheets/${sheet.id}/attendances/UP1/restore`, { token: teacher.token })).status, 200);
      assert.deepEqual(await stream.nextChange<Change>().then((c) => [c?.seq, c?.kind, c?.count]), [4, "restored", 2]);
      assert.equal((await call("PATCH", `/api/sheets/${sheet.id}`, { token: teacher.token, body: { status: "closed" } })).status, 200);
      assert.deepEqual(await stream.nextChange<Change>().then((c) => [c?.seq, c?.kind, c?.count, c?.entry]), [5, "closed", 2, null]);
      // Closing a closed sheet changes nothing, so it sends nothing; reopening does.
      assert.equal((await call("PATCH", `/api/sheets/${sheet.id}`, { token: teacher.token, body: { status: "closed" } })).status, 200);
      assert.equal((await call("PATCH", `/api/sheets/${sheet.id}`, { token: teacher.token, body: { status: "open" } })).status, 200);
      assert.deepEqual(await stream.nextChange<Change>().then((c) => [c?.seq, c?.kind]), [6, "reopened"]);
      // The same number from another browser is refused, and a repeated hand addition is the same entry:
      // neither is a change.
      assert.equal((await checkin(sheet, await ticketFor(teacher, sheet), { studentNumber: "UP1", name: "Ana Lima" })).status, 409);
      assert.equal(
        (await call("POST", `/api/sheets/${sheet.id}/attendances`, { token: teacher.token, body: { studentNumber: "UP2", name: "Bruno" } }))
          .status,
        200,
      );
      const { rows } = await db().query<{ change_seq: string }>("SELECT change_seq FROM sheets WHERE id = $1", [sheet.id]);
      assert.equal(rows[0]?.change_seq, "6");
    } finally {
      stream.close();
    }
  });

  it("announces a student's check-in after its commit, and other changes from their own transaction", async () => {
    const teacher = await newTeacher();
    const sheet = await newSheet(teacher);
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    const heard: string[] = [];
    listener.on("notification", (n) => {
      if (n.payload?.startsWith(sheet.id)) heard.push(n.payload);
    });
    try {
      await listener.query("LISTEN sheet_changes");
      // A NOTIFY in the check-in's own transaction would carry the change number; the instance's carries none.
      const ticket = await ticketFor(teacher, sheet);
      assert.equal((await checkin(sheet, ticket, { studentNumber: "UP1", name: "Ana Lima" })).status, 201);
      for (let i = 0; i < 100 && heard.length < 1; i++) await sleep(20);
      assert.deepEqual(heard, [sheet.id]);
      const added = await call("POST", `/api/sheets/${sheet.id}/attendances`, {
        token: teacher.token,
        body: { studentNumber: "UP2", name: "Bruno" },
      });
      assert.equal(added.status, 201);
      for (let i = 0; i < 100 && heard.length < 2; i++) await sleep(20);
      assert.deepEqual(heard, [sheet.id, `${sheet.id} 2`]);
      const { rows } = await db().query<{ seq: string; kind: string }>(
        "SELECT seq, kind FROM sheet_changes WHERE sheet_id = $1 ORDER BY seq",
        [sheet.id],
      );
      assert.deepEqual(rows, [
        { seq: "1", kind: "added" },
        { seq: "2", kind: "added" },
      ]);
    } finally {
      await listener.end();
    }
  });

  it("resumes after Last-Event-ID (or `after`) with exactly what came later", async () => {
    const teacher = await newTeacher();
    const sheet = await newSheet(teacher);
    for (const n of [1, 2, 3]) {
      const added = await call("POST", `/api/sheets/${sheet.id}/attendances`, {
        token: teacher.token,
        body: { studentNumber: `UP${n}`, name: `Aluno ${n}` },
      });
      assert.equal(added.status, 201);
    }
    const resumed = await openStream(eventsUrl(sheet.id), { ...bearer(teacher.token), "last-event-id": "1" });
    const fromQuery = await openStream(eventsUrl(sheet.id, "?after=2"), bearer(teacher.token));
    const headerWins = await openStream(eventsUrl(sheet.id, "?after=0"), { ...bearer(teacher.token), "last-event-id": "3" });
    try {
      assert.deepEqual([(await resumed.nextChange())?.id, (await resumed.nextChange())?.id], ["2", "3"]);
      assert.equal((await fromQuery.nextChange())?.id, "3");
      await call("POST", `/api/sheets/${sheet.id}/attendances`, { token: teacher.token, body: { studentNumber: "UP4", name: "Aluno 4" } });
      assert.equal((await resumed.nextChange())?.id, "4");
      assert.equal((await fromQuery.nextChange())?.id, "4");
      assert.equal((await headerWins.nextChange())?.id, "4", "nothing before Last-Event-ID is sent again");
    } finally {
      [resumed, fromQuery, headerWins].forEach((s) => s.close());
    }
  });

  it("gives a stream resuming while later changes are being read everything after its position, once", async () => {
    const teacher = await newTeacher();
    const sheet = await newSheet(teacher);
    const total = 40;
    const add = (n: number) =>
      call("POST", `/api/sheets/${sheet.id}/attendances`, { token: teacher.token, body: { studentNumber: `RS${n}`, name: `Aluno ${n}` } });
    // A stream that keeps the sheet watched: every change is read as it comes, so reads are often in flight.
    const watcher = await openStream(eventsUrl(sheet.id), bearer(teacher.token));
    const seen: number[] = [];
    const watching = (async () => {
      while (seen.length < total) {
        const change = await watcher.nextChange(10_000);
        if (!change) break;
        seen.push(Number(change.id));
      }
    })();
    // Streams resuming a few changes behind the latest one (screens moving from a drained instance): many
    // join while the hub is reading changes past their position, which must not make them skip their own.
    const resumers: Promise<{ after: number; ids: number[] }>[] = [];
    const resume = async (after: number) => {
      const stream = await openStream(eventsUrl(sheet.id), { ...bearer(teacher.token), "last-event-id": String(after) });
      const ids: number[] = [];
      try {
        while (ids.at(-1) !== total) {
          const change = await stream.nextChange(10_000).catch(() => null);
          if (!change) break;
          ids.push(Number(change.id));
        }
      } finally {
        stream.close();
      }
      return { after, ids };
    };
    try {
      for (let n = 1; n <= total; n++) {
        assert.equal((await add(n)).status, 201);
        if (n > 5) for (const back of [1, 3, 5]) resumers.push(resume(n - back));
      }
      await watching;
      assert.deepEqual(seen, range(1, total));
      for (const { after, ids } of await Promise.all(resumers)) assert.deepEqual(ids, range(after + 1, total), `resumed after ${after}`);
    } finally {
      watcher.close();
    }
  });

  it("sends a backlog longer than one read in full to a stream joining a sheet already watched further on", async () => {
    const teacher = await newTeacher();
    const sheet = await newSheet(teacher);
    const backlog = 700;
    // Past the hub's read limit (500 changes of a sheet per read); each row gets its change from the trigger.
    await db().query(
      `INSERT INTO attendances (sheet_id, student_number, name, method)
        SELECT $1, 'BL' || n, 'Aluno ' || n, 'teacher' FROM generate_series(1, $2::int) AS n`,
      [sheet.id, backlog],
    );
    const current = await openStream(eventsUrl(sheet.id), { ...bearer(teacher.token), "last-event-id": String(backlog) });
    const fresh = await openStream(eventsUrl(sheet.id), bearer(teacher.token));
    try {
      assert.equal(
        (await call("POST", `/api/sheets/${sheet.id}/attendances`, { token: teacher.token, body: { studentNumber: "UP1", name: "Aluno" } }))
          .status,
        201,
      );
      assert.equal((await current.nextChange())?.id, String(backlog + 1));
      const ids: number[] = [];
      while (ids.at(-1) !== backlog + 1) {
        const change = await fresh.nextChange(10_000).catch(() => null);
        if (!change) break;
        ids.push(Number(change.id));
      }
      assert.deepEqual(ids, range(1, backlog + 1));
    } finally {
      [current, fresh].forEach((s) => s.close());
    }
  });

  it("starts from the beginning when asked to resume past the sheet's history", async () => {
    const teacher = await newTeacher();
    const sheet = await newSheet(teacher);
    await call("POST", `/api/sheets/${sheet.id}/attendances`, { token: teacher.token, body: { studentNumber: "UP1", name: "Aluno" } });
    const stream = await openStream(eventsUrl(sheet.id), { ...bearer(teacher.token), "last-event-id": "999999" });
    try {
      assert.equal((await stream.nextChange())?.id, "1");
    } finally {
      stream.close();
    }
  });

  it("opens with the browser session cookie too", async () => {
    const teacher = await newTeacher();
    const sheet = await newSheet(teacher);
    const cookie = await browserSession(teacher.email, PASSWORD);
    const stream = await openStream(eventsUrl(sheet.id), { cookie });
    try {
      assert.equal(stream.status, 200);
      await call("POST", `/api/sheets/${sheet.id}/attendances`, { token: teacher.token, body: { studentNumber: "UP9", name: "Aluno" } });
      assert.equal((await stream.nextChange<Change>())?.entry?.studentNumber, "UP9");
    } finally {
      stream.close();
    }
  });

  it("refuses strangers exactly as the other sheet routes do", async () => {
    const owner = await newTeacher();
    const other = await newTeacher();
    const sheet = await newSheet(owner);
    const anonymous = await call("GET", `/api/sheets/${sheet.id}/events`);
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.headers.get("content-type") ?? "", /problem\+json/);
    const stranger = await call("GET", `/api/sheets/${sheet.id}/events`, { token: other.token });
    const missing = await call("GET", `/api/sheets/${randomUUID()}/events`, { token: other.token });
    assert.equal(stranger.status, 404);
    assert.equal(missing.status, 404);
    assert.equal((stranger.body as { code?: string }).code, (missing.body as { code?: string }).code);
    assert.equal((await call("GET", `/api/sheets/not-a-uuid/events`, { token: owner.token })).status, 400);
    assert.equal((await call("GET", `/api/sheets/${sheet.id}/events?after=-1`, { token: owner.token })).status, 400);
    assert.equal((await call("GET", `/api/sheets/${sheet.id}/events?after=1&x=2`, { token: owner.token })).status, 400);
    assert.equal((await call("GET", `/api/sheets/${sheet.id}/events`, { token: "prs_forged" })).status, 401);
    assert.equal(
      (await call("GET", `/api/sheets/${sheet.id}/events`, { headers: { cookie: "next-auth.session-token=forged.jwe.value" } })).status,
      401,
    );
  });

  it("carries hostile names verbatim inside JSON, one event per frame", async () => {
    const teacher = await newTeacher();
    const sheet = await newSheet(teacher);
    const name = '<img src=x onerror=alert(1)> "Zé" \\ data: id: 9 \u{1F600}';
    assert.equal(
      (await call("POST", `/api/sheets/${sheet.id}/attendances`, { token: teacher.token, body: { studentNumber: "UP1", name } })).status,
      201,
    );
    const stream = await openStream(eventsUrl(sheet.id), bearer(teacher.token));
    try {
      assert.equal((await stream.nextChange<Change>())?.entry?.name, name);
    } finally {
      stream.close();
    }
  });
});
