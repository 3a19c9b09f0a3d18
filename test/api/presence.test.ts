/**
 * Presence: typed-digit guessing stopped and reported, the signals on each entry and the teacher's review,
 * the classroom-network rule, and the check-in page's own exchange and form post. Client addresses are
 * given as X-Real-IP (the test server trusts its proxy, as behind nginx).
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import {
  assertProblem,
  baseUrl,
  bindTicket,
  call,
  checkin,
  closeDb,
  cookieOf,
  newSheet,
  newTeacher,
  setCookieOf,
  type Sheet,
  type Teacher,
} from "../helpers/api";
import { qrDigits, sheetSecret, signTicket, windowAt } from "../helpers/forge";
import { openStream } from "../helpers/sse";

after(closeDb);

const from = (address: string) => ({ "x-real-ip": address });
/** Where the projection is shown from: its network (10.1.1.0/24) is the classroom's. */
const PROJECTOR = "10.1.1.2";

async function qrFrom(teacher: Teacher, sheet: Sheet, address: string) {
  const reply = await call<{ token: string; digits: string }>("GET", `/api/sheets/${sheet.id}/qr`, {
    token: teacher.token,
    headers: from(address),
  });
  assert.equal(reply.status, 200);
  return reply.body;
}

/** A ticket exchanged from an address, by a new browser unless a cookie is given. */
async function ticketFrom(teacher: Teacher, sheet: Sheet, address: string, cookie?: string) {
  const { token } = await qrFrom(teacher, sheet, PROJECTOR);
  const reply = await call<{ ticket: string }>("POST", `/api/checkin/${sheet.code}/tickets`, {
    body: { token },
    headers: { ...from(address), ...(cookie ? { cookie } : {}) },
  });
  assert.equal(reply.status, 201, reply.text);
  bindTicket(reply.body.ticket, cookie ?? setCookieOf(reply.headers));
  return reply.body.ticket;
}

type Listed = { studentNumber: string; flags: string[]; review: boolean; receipt: string; correctedFrom: string | null };

async function listed(teacher: Teacher, sheet: Sheet): Promise<Map<string, Listed>> {
  const reply = await call<{ items: Listed[] }>("GET", `/api/sheets/${sheet.id}/attendances`, { token: teacher.token });
  assert.equal(reply.status, 200);
  return new Map(reply.body.items.map((i) => [i.studentNumber, i]));
}

/** Four digits that are neither the current nor the previous window's. */
async function wrongDigits(sheet: Sheet, n: number): Promise<string[]> {
  const secret = await sheetSecret(sheet.id);
  const w = windowAt();
  const valid = new Set([w - 1, w, w + 1].map((x) => qrDigits(secret, sheet.id, x)));
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    const d = String((i * 7919) % 10_000).padStart(4, "0");
    if (!valid.has(d)) out.push(d);
  }
  return out;
}

const exchangeDigits = (sheet: Sheet, digits: string, address: string) =>
  call("POST", `/api/checkin/${sheet.code}/tickets`, { body: { digits }, headers: from(address) });

describe("guessing the typed digits", () => {
  it("pauses an address, then the sheet, tells the teacher, and leaves the QR working", async () => {
    const teacher = await newTeacher();
    const sheet = await newSheet(teacher);
    const guesses = await wrongDigits(sheet, 40);
    // One address: ten wrong tries are answered, the eleventh pauses that address.
    for (const d of guesses.slice(0, 10)) assertProblem(await exchangeDigits(sheet, d, "203.0.113.1"), 400, "DIGITS_INVALID");
    const paused = await exchangeDigits(sheet, guesses[10] ?? "", "203.0.113.1");
    assertProblem(paused, 429, "TYPING_PAUSED");
    assert.ok(Number(paused.headers.get("retry-after")) > 0);
    // Other addresses: past twenty wrong tries on the sheet, typing pauses for everyone, even the right digits.
    let sheetPaused = false;
    for (const [i, d] of guesses.slice(11, 30).entries()) {
      const reply = await exchangeDigits(sheet, d, `203.0.113.${10 + i}`);
      if (reply.status === 429) sheetPaused = true;
      else assertProblem(reply, 400, "DIGITS_INVALID");
    }
    assert.ok(sheetPaused, "the sheet's typing paused");
    const { digits } = await qrFrom(teacher, sheet, PROJECTOR);
    assertProblem(await exchangeDigits(sheet, digits, "198.51.100.77"), 429, "TYPING_PAUSED");
    const ticket = await ticketFrom(teacher, sheet, "198.51.100.77");
    assert.equal((await checkin(sheet, ticket, { studentNumber: "QR1", name: "Scanned Student" })).status, 201);
    const report = await call<{ guessing: { wrongDigits: number; detected: boolean; pausedUntil: string | null } }>(
      "GET",
      `/api/sheets/${sheet.id}/presence`,
      { token: teacher.token },
    );
    assert.equal(report.status, 200);
    assert.equal(report.body.guessing.detected, true);
    assert.ok(report.body.guessing.wrongDigits >= 20);
    assert.ok(report.body.guessing.pausedUntil && Date.parse(report.body.guessing.pausedUntil) > Date.now());
    const stranger = await newTeacher();
    assertProblem(await call("GET", `/api/sheets/${sheet.id}/presence`, { token: stranger.token }), 404, "SHEET_NOT_FOUND");
  });

  it("does not count the right digits against the class", async () => {
    const teacher = await newTeacher();
    const sheet = await newSheet(teacher);
    for (let i = 0; i < 30; i++) {
      const { digits } = await qrFrom(teacher, sheet, PROJECTOR);
      assert.equal((await exchangeDigits(sheet, digits, "192.0.2.50")).status, 201);
    }
    const report = await call<{ guessing: { wrongDigits: number; detected: boolean } }>("GET", `/api/sheets/${sheet.id}/presence`, {
      token: teacher.token,
    });
    assert.deepEqual(report.body.guessing, { ...report.body.guessing, wrongDigits: 0, detected: false });
  });
});

describe("presence signals", () => {
  it("flag another network, a private tab, a shared browser, a late QR and typed digits, with the teacher's keep", async () => {
    const teacher = await newTeacher();
    const sheet = await newSheet(teacher);
    await qrFrom(teacher, sheet, PROJECTOR);
    // The teacher's screen is open before anyone arrives: each arrival's flags must reach it live.
    const stream = await openStream(`${baseUrl}/api/sheets/${sheet.id}/events`, { authorization: `Bearer ${teacher.token}` });
    const inRoom: string[] = [];
    for (const [n, address] of ["10.1.1.11", "10.1.1.12", "10.1.1.13"].entries()) {
      const ticket = await ticketFrom(teacher, sheet, address);
      inRoom.push(ticket);
      assert.equal((await checkin(sheet, ticket, { studentNumber: `IN${n}`, name: "In The Room" }, from(address))).status, 201);
    }
    // A link opened on a phone elsewhere.
    const away = await ticketFrom(teacher, sheet, "192.0.2.44");
    assert.equal((await checkin(sheet, away, { studentNumber: "AWAY", name: "Elsewhere" }, from("192.0.2.44"))).status, 201);
    // A private tab on the same phone, seconds later: a new browser from the same address.
    const tab = await ticketFrom(teacher, sheet, "10.1.1.11");
    assert.equal((await checkin(sheet, tab, { studentNumber: "TAB", name: "Absent Friend" }, from("10.1.1.11"))).status, 201);
    // A QR opened after the screen had replaced it.
    const late = signTicket(sheet, { late: true });
    assert.equal((await checkin(sheet, late, { studentNumber: "LATE", name: "Late Opener" }, from("10.1.1.14"))).status, 201);
    // Typed digits.
    const { digits } = await qrFrom(teacher, sheet, PROJECTOR);
    const typed = await call<{ ticket: string }>("POST", `/api/checkin/${sheet.code}/tickets`, {
      body: { digits },
      headers: from("10.1.1.15"),
    });
    bindTicket(typed.body.ticket, setCookieOf(typed.headers));
    assert.equal((await checkin(sheet, typed.body.ticket, { studentNumber: "TYPED", name: "Typist" }, from("10.1.1.15"))).status, 201);
    // The same browser as IN0, on the next class of the course unit, for another student.
    const next = await newSheet(teacher);
    const borrowed = await ticketFrom(teacher, next, "10.1.1.11", cookieOf(inRoom[0] ?? ""));

    const list = await listed(teacher, sheet);
    const flags = (n: string) => list.get(n)?.flags ?? [];
    assert.deepEqual(flags("IN0"), ["new_browser"]);
    assert.equal(list.get("IN0")?.review, false);
    assert.deepEqual(flags("AWAY"), ["other_network", "minority_network", "new_browser"]);
    assert.equal(list.get("AWAY")?.review, true);
    assert.ok(flags("TAB").includes("burst"), `TAB: ${flags("TAB").join(",")}`);
    assert.equal(list.get("TAB")?.review, true);
    assert.ok(flags("LATE").includes("late_code"));
    assert.deepEqual(flags("TYPED"), ["new_browser", "typed"]);
    assert.equal(list.get("TYPED")?.review, false);
    try {
      for (let seen = 0; seen < list.size; seen++) {
        const change = await stream.nextChange<{ entry: Listed | null }>();
        const entry = change?.entry;
        assert.ok(entry, "an arrival on the stream");
        const expected = list.get(entry.studentNumber);
        assert.deepEqual(
          [entry.flags, entry.review, entry.receipt],
          [expected?.flags, expected?.review, expected?.receipt],
          entry.studentNumber,
        );
      }
    } finally {
      stream.close();
    }

    assert.equal((await checkin(next, borrowed, { studentNumber: "OTHER", name: "Borrower" }, from("10.1.1.11"))).status, 201);
    assert.ok((await listed(teacher, next)).get("OTHER")?.flags.includes("shared_browser"));

    assert.equal((await call("POST", `/api/sheets/${sheet.id}/attendances/AWAY/confirm`, { token: teacher.token })).status, 204);
    assert.equal((await listed(teacher, sheet)).get("AWAY")?.review, false);
    const csv = await call("GET", `/api/sheets/${sheet.id}/attendances?format=csv&lang=en`, { token: teacher.token });
    const away2 = csv.text.split("\r\n").find((l) => l.startsWith("AWAY,")) ?? "";
    assert.match(away2, /other_network minority_network new_browser,no,/);
    assert.match(csv.text.split("\r\n").find((l) => l.startsWith("TAB,")) ?? "", /burst.*,yes,/);
    const stranger = await newTeacher();
    assertProblem(await call("POST", `/api/sheets/${sheet.id}/attendances/TAB/confirm`, { token: stranger.token }), 404, "SHEET_NOT_FOUND");
  });
});

describe("the classroom-network rule", () => {
  it("is off by default; when on, refuses elsewhere with its message and accepts the classroom and listed networks", async () => {
    const teacher = await newTeacher();
    const sheet = await newSheet(teacher);
    const initial = await call<{ strict: boolean }>("GET", `/api/sheets/${sheet.id}/presence`, { token: teacher.token });
    assert.equal(initial.body.strict, false);
    await ticketFrom(teacher, sheet, "192.0.2.44");
    const set = (body: unknown, token = teacher.token) => call("PUT", `/api/sheets/${sheet.id}/presence`, { token, body });
    assert.equal((await set({ strict: true, networks: ["198.51.100.0/24"] })).status, 200);
    const { token } = await qrFrom(teacher, sheet, PROJECTOR);
    const refused = await call<{ detail: string }>("POST", `/api/checkin/${sheet.code}/tickets`, {
      body: { token },
      headers: { ...from("192.0.2.44"), "accept-language": "pt-PT" },
    });
    assertProblem(refused, 403, "OUTSIDE_CLASSROOM");
    assert.match(refused.body.detail, /rede da sala/);
    const inRoom = await ticketFrom(teacher, sheet, "10.1.1.30");
    assert.equal((await checkin(sheet, inRoom, { studentNumber: "S1", name: "In The Room" }, from("10.1.1.30"))).status, 201);
    await ticketFrom(teacher, sheet, "198.51.100.9");
    assertProblem(await set({ strict: true, networks: ["not a network"] }), 400, "VALIDATION_FAILED");
    assertProblem(await set({ strict: true, networks: ["10.0.0.0/33"] }), 400, "VALIDATION_FAILED");
    const stranger = await newTeacher();
    assertProblem(await set({ strict: false }, stranger.token), 404, "SHEET_NOT_FOUND");
    assert.equal((await set({ strict: false })).status, 200);
    await ticketFrom(teacher, sheet, "192.0.2.44");
  });
});

describe("the check-in page", () => {
  it("exchanges the scanned code while rendering, takes a plain form post, and shows the receipt again", async () => {
    const teacher = await newTeacher();
    const sheet = await newSheet(teacher);
    const { token } = await qrFrom(teacher, sheet, PROJECTOR);
    const page = await fetch(`${baseUrl}/c/${sheet.code}?t=${token}`, { headers: { "accept-language": "en" } });
    assert.equal(page.status, 200);
    const cookie = setCookieOf(page.headers);
    assert.match(page.headers.getSetCookie().join(), /HttpOnly/i);
    const html = await page.text();
    const ticket = /name="ticket" value="([^"]+)"/.exec(html)?.[1] ?? "";
    assert.ok(ticket.length > 40, "the page carries a ticket");
    assert.match(html, new RegExp(`action="/c/${sheet.code}/register"`));

    const post = (body: Record<string, string>, withCookie: string) =>
      fetch(`${baseUrl}/c/${sheet.code}/register`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: withCookie },
        body: new URLSearchParams(body),
      });
    const stolen = await post({ ticket, studentNumber: "P1", name: "Someone Else" }, "");
    assert.equal(stolen.status, 303);
    assert.match(stolen.headers.get("location") ?? "", /e=TICKET_OTHER_BROWSER/);
    const posted = await post({ ticket, studentNumber: "p1", name: "Paula Pires" }, cookie);
    assert.equal(posted.status, 303);
    assert.equal(new URL(posted.headers.get("location") ?? "", baseUrl).pathname, `/c/${sheet.code}`);
    const receipt = (await listed(teacher, sheet)).get("P1")?.receipt ?? "";
    assert.match(receipt, /^[A-Z0-9]{5}$/);
    const again = await (await fetch(`${baseUrl}/c/${sheet.code}`, { headers: { cookie, "accept-language": "en" } })).text();
    assert.match(again, /Paula Pires/);
    assert.match(again, new RegExp(receipt));
    const stranger = await (await fetch(`${baseUrl}/c/${sheet.code}`, { headers: { "accept-language": "en" } })).text();
    assert.doesNotMatch(stranger, /Paula Pires/);
  });
});
