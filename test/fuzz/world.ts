/**
 * What the fuzzer works on: two teachers with sheets (one closed) and students, their secrets, a course
 * unit each with a roster (their teams), and a model of every change the API acknowledged, to compare
 * with the database at the end.
 */
import { randomBytes, randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { db, PASSWORD } from "../helpers/api";
import { insertApiToken, sheetSecret } from "../helpers/forge";
import { signIn } from "../helpers/session";

/** Accounts this run registers, told apart from every other account in the database. */
export const FUZZ_DOMAIN = `${randomBytes(4).toString("hex")}.fuzz.presenca.test`;

export type TeacherFixture = { id: string; email: string; password: string; token: string };
export type SheetFixture = { id: string; code: string; ownerId: string; secret: Buffer };
export type Who = "owner" | "other";

type Reply = { status: number; body: Record<string, unknown> };

/** A value known only when the request is sent (a current QR token, a fresh API token...). */
export class Live {
  constructor(
    readonly label: string,
    readonly get: (world: World) => string | Promise<string>,
  ) {}
  [fc.toStringMethod](): string {
    return `<${this.label}>`;
  }
}

export type Model = {
  teachers: Set<string>;
  courseUnits: Set<string>;
  sheets: Map<string, { ownerId: string; status: string; summary: string }>;
  attendances: Map<string, { sheetId?: string; studentNumber: string; name: string; removed: boolean }>;
};

/** Puts the fixture students (back) on a unit's roster. */
async function importRoster(baseUrl: string, unit: string, token: string, students: string[]): Promise<void> {
  const roster = ["Número;Nome;Turma", ...students.map((n) => `${n};Aluno Inscrito;T1`)].join("\r\n");
  const imported = await fetch(`${baseUrl}/api/course-units/${unit}/roster/import`, {
    method: "POST",
    headers: { "content-type": "text/csv", authorization: `Bearer ${token}` },
    body: roster,
  });
  if (imported.status !== 200) throw new Error(`fixture roster import: ${imported.status} ${await imported.text()}`);
}

async function rosterWorkbook(students: string[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Roster");
  sheet.addRow(["Student number", "Name", "Group"]);
  for (const n of students) sheet.addRow([n, "Aluno Inscrito", "T2"]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export class World {
  readonly model: Model = { teachers: new Set(), courseUnits: new Set(), sheets: new Map(), attendances: new Map() };

  private constructor(
    readonly baseUrl: string,
    readonly owner: TeacherFixture,
    readonly other: TeacherFixture,
    readonly open: SheetFixture,
    readonly closed: SheetFixture,
    readonly othersSheet: SheetFixture,
    readonly courseUnit: { id: string; code: string },
    readonly students: string[],
    readonly revokedToken: string,
    readonly sessionCookie: string,
    readonly usedDevice: string,
    readonly teamUnit: string,
    readonly othersUnit: string,
    readonly rosterXlsx: Buffer,
  ) {}

  teacher(who: Who): TeacherFixture {
    return who === "owner" ? this.owner : this.other;
  }

  sheetById(id: string): SheetFixture | undefined {
    return [this.open, this.closed, this.othersSheet].find((s) => s.id === id);
  }

  static async create(baseUrl: string): Promise<World> {
    const api = async (method: string, path: string, body?: unknown, token?: string): Promise<Reply> => {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const reply = { status: response.status, body: (await response.json()) as Record<string, unknown> };
      if (reply.status >= 300) throw new Error(`fixture ${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply;
    };
    const teacher = async (name: string): Promise<TeacherFixture> => {
      const email = `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@${FUZZ_DOMAIN}`;
      const account = await api("POST", "/api/accounts", { email, name, password: PASSWORD });
      const token = await api("POST", "/api/tokens", { email, password: PASSWORD });
      return { id: String(account.body.id), email, password: PASSWORD, token: String(token.body.token) };
    };
    const owner = await teacher("Owner");
    const other = await teacher("Other");
    const units = await api("GET", "/api/course-units", undefined, owner.token);
    const unit = (units.body.items as { id: string; code: string }[])[0]!;
    const sheet = async (t: TeacherFixture): Promise<SheetFixture> => {
      const { body } = await api("POST", "/api/sheets", { courseUnitId: unit.id, summary: "Fuzz" }, t.token);
      const id = String(body.id);
      return { id, code: String(body.code), ownerId: t.id, secret: await sheetSecret(id) };
    };
    const open = await sheet(owner);
    const closed = await sheet(owner);
    const othersSheet = await sheet(other);
    const students = ["UP202400001", "UP202400002", "UP202400003"];
    for (const studentNumber of students) {
      await api("POST", `/api/sheets/${open.id}/attendances`, { studentNumber, name: "Aluno Fixo" }, owner.token);
      await api("POST", `/api/sheets/${othersSheet.id}/attendances`, { studentNumber, name: "Aluno Alheio" }, other.token);
    }
    await api("PATCH", `/api/sheets/${closed.id}`, { status: "closed" }, owner.token);
    // Each teacher leads a unit of their own, with the fixture students on its roster; the fixture sheets
    // stay on the shared unit, so a co-teacher the fuzzer adds never gains another teacher's sheets.
    const teamUnit = async (t: TeacherFixture): Promise<string> => {
      const { body } = await api(
        "POST",
        "/api/course-units",
        { code: `FZT${randomBytes(5).toString("hex").toUpperCase()}`, name: "Fuzz team" },
        t.token,
      );
      const id = String(body.id);
      await importRoster(baseUrl, id, t.token, students);
      return id;
    };
    const ownersUnit = await teamUnit(owner);
    const othersUnit = await teamUnit(other);
    const revoked = await insertApiToken(owner.id, { revoked: true });
    const session = await signIn(baseUrl, owner.email, owner.password);
    if (!session.cookie) throw new Error(`fixture sign-in failed with ${session.status}`);

    const world = new World(
      baseUrl,
      owner,
      other,
      open,
      closed,
      othersSheet,
      unit,
      students,
      revoked.token,
      session.cookie,
      randomBytes(16).toString("base64url"),
      ownersUnit,
      othersUnit,
      await rosterWorkbook(students),
    );
    world.model.teachers.add(owner.id).add(other.id);
    world.model.courseUnits.add(ownersUnit).add(othersUnit);
    const { rows: sheets } = await db().query<{ id: string; owner_id: string; status: string; summary: string }>(
      "SELECT id, owner_id, status, summary FROM sheets WHERE owner_id = ANY($1)",
      [[owner.id, other.id]],
    );
    for (const s of sheets) world.model.sheets.set(s.id, { ownerId: s.owner_id, status: s.status, summary: s.summary });
    const { rows: attendances } = await db().query<{ id: string; sheet_id: string; student_number: string; name: string }>(
      "SELECT id, sheet_id, student_number, name FROM attendances WHERE sheet_id = ANY($1)",
      [sheets.map((s) => s.id)],
    );
    for (const a of attendances) {
      world.model.attendances.set(a.id, { sheetId: a.sheet_id, studentNumber: a.student_number, name: a.name, removed: false });
    }
    return world;
  }

  /**
   * Puts the fixture sheets back in their states (open, closed, open), the fixture students back on the
   * open sheet and on the owner's roster, and the other teacher back in the owner's team: earlier runs
   * (removals, erasures, corrections) may have changed them.
   */
  async reset(): Promise<void> {
    await importRoster(this.baseUrl, this.teamUnit, this.owner.token, this.students);
    const invited = await fetch(`${this.baseUrl}/api/course-units/${this.teamUnit}/teachers`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${this.owner.token}` },
      body: JSON.stringify({ email: this.other.email }),
    });
    if (invited.status >= 300) throw new Error(`inviting the other teacher: ${invited.status} ${await invited.text()}`);
    for (const studentNumber of this.students) {
      const response = await fetch(`${this.baseUrl}/api/sheets/${this.open.id}/attendances`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${this.owner.token}` },
        body: JSON.stringify({ studentNumber, name: "Aluno Fixo" }),
      });
      const body = (await response.json()) as Record<string, unknown>;
      if (response.status >= 300) throw new Error(`restoring ${studentNumber}: ${response.status} ${JSON.stringify(body)}`);
      this.acknowledge("POST /api/sheets/{id}/attendances", "owner", { status: response.status, body }, this.open.id);
    }
    const states: [SheetFixture, TeacherFixture, string][] = [
      [this.open, this.owner, "open"],
      [this.closed, this.owner, "closed"],
      [this.othersSheet, this.other, "open"],
    ];
    for (const [sheet, teacher, status] of states) {
      const response = await fetch(`${this.baseUrl}/api/sheets/${sheet.id}`, {
        method: "PATCH",
        headers: { "content-type": "application/json", authorization: `Bearer ${teacher.token}` },
        body: JSON.stringify({ status }),
      });
      const body = (await response.json()) as Record<string, unknown>;
      if (response.status !== 200) throw new Error(`resetting sheet ${sheet.id}: ${response.status} ${JSON.stringify(body)}`);
      this.acknowledge("PATCH /api/sheets/{id}", teacher === this.owner ? "owner" : "other", { status: 200, body }, sheet.id);
    }
  }

  /** A token for `who` that the request may revoke without harming the rest of the run. */
  async disposableToken(who: Who): Promise<string> {
    return (await insertApiToken(this.teacher(who).id)).token;
  }

  async disposableTokenId(who: Who): Promise<string> {
    return (await insertApiToken(this.teacher(who).id)).id;
  }

  /** Records what a successful answer says the API did. */
  acknowledge(operation: string, caller: Who | null, reply: Reply, sheetId: string | undefined): void {
    const body = reply.body ?? {};
    const id = typeof body.id === "string" ? body.id : undefined;
    const attendance = () => {
      if (!id) return;
      const known = this.model.attendances.get(id);
      this.model.attendances.set(id, {
        sheetId: known?.sheetId ?? sheetId,
        studentNumber: String(body.studentNumber),
        name: String(body.name),
        removed: body.removedAt !== null,
      });
    };
    switch (operation) {
      case "POST /api/accounts":
        if (id) this.model.teachers.add(id);
        break;
      case "POST /api/course-units":
        if (id) this.model.courseUnits.add(id);
        break;
      case "POST /api/sheets":
      case "PATCH /api/sheets/{id}":
        if (id && caller) {
          this.model.sheets.set(id, { ownerId: this.teacher(caller).id, status: String(body.status), summary: String(body.summary) });
        }
        break;
      case "PATCH /api/me":
        if (caller && typeof body.email === "string") this.teacher(caller).email = body.email;
        break;
      case "POST /api/checkin/{code}":
      case "POST /api/sheets/{id}/attendances":
      case "DELETE /api/sheets/{id}/attendances/{studentNumber}":
      case "POST /api/sheets/{id}/attendances/{studentNumber}/restore":
      case "POST /api/sheets/{id}/attendances/{studentNumber}/correction":
      case "PUT /api/sheets/{id}/attendances/{studentNumber}/status":
        attendance();
        break;
      case "DELETE /api/students/{studentNumber}":
        // Erasure deletes the student's entries on every sheet the caller can see: here, their own.
        if (caller) {
          const ownerId = this.teacher(caller).id;
          for (const [key, a] of this.model.attendances) {
            if (a.studentNumber === body.studentNumber && this.model.sheets.get(a.sheetId ?? "")?.ownerId === ownerId) {
              this.model.attendances.delete(key);
            }
          }
        }
        break;
    }
  }
}
