/** Benchmark data written straight to the database: teachers, one open sheet per class, and students. */
import { randomBytes } from "node:crypto";
import type pg from "pg";
import { generateSheetCode } from "@/server/sheets";
import type { Student } from "./load";

export type Fixture = { sheets: { id: string; code: string; secret: Buffer; ownerId: string }[]; students: Student[] };

export async function createClasses(db: pg.Pool, tag: string, classes: number, studentsPerClass: number): Promise<Fixture> {
  const unit = await db.query<{ id: string }>(
    "INSERT INTO course_units (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id",
    [`BENCH-${tag}`.slice(0, 20), `Benchmark ${tag}`],
  );
  const unitId = unit.rows[0]?.id;
  const fixture: Fixture = { sheets: [], students: [] };
  const codes = new Set<string>();
  for (let c = 0; c < classes; c++) {
    const teacher = await db.query<{ id: string }>(
      "INSERT INTO teachers (email, name, password_hash, updated_at) VALUES ($1, $2, 'x', now()) RETURNING id",
      [`bench-${tag}-${c}@example.org`.toLowerCase(), `Teacher ${c}`],
    );
    let code = generateSheetCode();
    while (codes.has(code)) code = generateSheetCode();
    codes.add(code);
    const secret = randomBytes(32);
    const ownerId = teacher.rows[0]?.id ?? "";
    const sheet = await db.query<{ id: string }>(
      "INSERT INTO sheets (code, owner_id, course_unit_id, secret, summary, updated_at) VALUES ($1, $2, $3, $4, 'benchmark', now()) RETURNING id",
      [code, ownerId, unitId, secret],
    );
    const id = sheet.rows[0]?.id ?? "";
    fixture.sheets.push({ id, code, secret, ownerId });
    for (let s = 0; s < studentsPerClass; s++) {
      fixture.students.push({
        code,
        sheetId: id,
        secret,
        studentNumber: `B${c}S${s}`,
        name: `Estudante ${c}-${s}`,
        deviceId: randomBytes(16).toString("base64url"),
      });
    }
  }
  return fixture;
}

/** Acknowledged check-ins missing from the database, and any (sheet, student) stored twice. */
export async function audit(db: pg.Pool, fixture: Fixture, acknowledged: Student[]) {
  const ids = fixture.sheets.map((s) => s.id);
  const { rows } = await db.query<{ sheet_id: string; student_number: string; n: string }>(
    "SELECT sheet_id, student_number, count(*) AS n FROM attendances WHERE sheet_id = ANY($1::uuid[]) GROUP BY 1, 2",
    [ids],
  );
  const stored = new Map(rows.map((r) => [`${r.sheet_id}|${r.student_number}`, Number(r.n)]));
  const lost = acknowledged.filter((s) => !stored.has(`${s.sheetId}|${s.studentNumber}`)).length;
  const duplicates = rows.filter((r) => Number(r.n) > 1).length;
  return { rows: rows.length, lost, duplicates };
}
