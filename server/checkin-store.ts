/**
 * The database side of a student's check-in: the sheet's key for the ticket exchange and the attendance
 * insert. Hundreds of these arrive in the first minutes of a class, so they are plain parameterised
 * statements on the shared pool, without the ORM (and without importing it: the production entry serves
 * these two requests itself). Statements are not named: the embedded PostgreSQL shares one session
 * between connections, where names collide.
 */
import { config } from "./config";
import { AppError, notFound } from "./errors";
import { hub } from "./live/hub";
import { pool } from "./pool";
import type { CheckinMethod, SheetStatus } from "./generated/prisma/client";

export type AttendanceRow = {
  id: string;
  studentNumber: string;
  name: string;
  method: CheckinMethod;
  createdAt: Date;
  removedAt: Date | null;
};

export type CheckinResult = { attendance: AttendanceRow; created: boolean };

export const ATTENDANCE_RETURNING = `RETURNING id, student_number AS "studentNumber", name, method, created_at AS "createdAt", removed_at AS "removedAt"`;

/** The classroom-network rule of a sheet (sheet_presences), read with its key. */
export type Strictness = { strict: boolean; networks: string[]; projectionNetwork: string | null };
type SheetKey = { id: string; code: string; status: SheetStatus; secret: Buffer } & Strictness;

// The ticket exchange reads the same few sheets thousands of times at the start of a class, so an open
// sheet's key is kept for a second. Closing a sheet shows at this step at once on the instance that
// closed it and within that second on the others; a ticket issued meanwhile still cannot register,
// because the insert itself checks that the sheet is open. A closed sheet is never kept, so reopening
// shows at once. Shared through globalThis: Next's bundles (which close sheets) and the entry's copy of
// this module must see the same entries.
const OPEN_KEY_TTL_MS = 1000;
const MAX_KEPT = 10_000;
const keptKey = Symbol.for("presenca.open-sheet-keys");
const holder = globalThis as unknown as Record<symbol, Map<string, { key: SheetKey; until: number }> | undefined>;
const kept = () => (holder[keptKey] ??= new Map<string, { key: SheetKey; until: number }>());

/** What the ticket exchange needs, and nothing more. */
export async function sheetKeyByCode(code: string): Promise<SheetKey> {
  const now = Date.now();
  const hit = kept().get(code);
  if (hit && hit.until > now) return hit.key;
  const { rows } = await pool().query<SheetKey>({
    text: `SELECT s.id, s.code, s.status, s.secret, coalesce(p.strict, false) AS strict, coalesce(p.networks, '{}') AS networks,
        p.projection_network AS "projectionNetwork"
      FROM sheets s LEFT JOIN sheet_presences p ON p.sheet_id = s.id WHERE s.code = $1`,
    values: [code],
  });
  const sheet = rows[0];
  if (!sheet) throw notFound("sheet");
  if (sheet.status === "open") {
    if (kept().size >= MAX_KEPT) kept().clear();
    kept().set(code, { key: sheet, until: now + OPEN_KEY_TTL_MS });
  } else {
    kept().delete(code);
  }
  return sheet;
}

/** Called when a sheet's status changes on this instance. */
export function forgetSheetKey(code: string): void {
  kept().delete(code);
}

/** What a check-in brings besides the student: its browser (keyed hash), where it came from and its signals. */
export type CheckinFacts = {
  sheetId: string;
  studentNumber: string;
  name: string;
  method: "qr" | "code";
  browserHash: string;
  network: string | null;
  source: string | null;
  signals: string[];
};

export type StudentEntry = AttendanceRow & { correctedFrom: string | null };
export type StudentResult = { attendance: StudentEntry; created: boolean };

const STUDENT_RETURNING = `${ATTENDANCE_RETURNING}, corrected_from AS "correctedFrom"`;

/** Why an insert did nothing: the sheet's state, the student number's entry and this browser's entry. */
type Refusal = {
  sheetStatus: SheetStatus;
  numberTaken: boolean;
  /** The number's entry is the teacher's "excused" or "absent" mark, not a check-in. */
  markedAway: boolean;
  own: (StudentEntry & { correctedAt: Date | null; ageMs: number }) | null;
};

/**
 * The common case is one statement: it inserts only while the sheet is open, and the unique constraints
 * on (sheet, student number) and (sheet, browser) make it a no-op for a repeat or a browser already used.
 * It also notes whether this browser registered a different student of the course unit before. Only when
 * nothing was inserted does a second statement find out why, and a browser's own entry may then be
 * corrected once while its ticket would still be valid.
 *
 * The sheet's row is locked first (FOR NO KEY UPDATE, which the live-change trigger would take anyway, so
 * the order of locks stays the same and no deadlock is possible), and the entry's time is read from the
 * database clock once the lock is held. A close takes the same lock (sheets.ts), so an entry is either
 * committed before the close, with an earlier time, or sees the sheet closed and inserts nothing.
 *
 * The screens learn of a new entry from `hub().announce`, not from a NOTIFY in this statement's
 * transaction (see the migration `…_checkins_announced_after_commit`).
 */
export async function checkIn(input: CheckinFacts): Promise<StudentResult> {
  const { rows } = await pool().query<StudentEntry>({
    text: `WITH s AS (SELECT id, course_unit_id FROM sheets WHERE id = $1 AND status = 'open' FOR NO KEY UPDATE)
      INSERT INTO attendances (sheet_id, student_number, name, method, device_hash, network, source, signals, created_at)
      SELECT s.id, $2, $3, $4::checkin_method, $5, $6, $7, $8::text[] || CASE WHEN EXISTS (
          SELECT 1 FROM attendances o JOIN sheets os ON os.id = o.sheet_id
          WHERE o.device_hash = $5 AND o.student_number <> $2 AND os.course_unit_id = s.course_unit_id
        ) THEN '{shared_browser}'::text[] ELSE '{}'::text[] END, clock_timestamp()
      FROM s
      ON CONFLICT DO NOTHING ${STUDENT_RETURNING}`,
    values: [input.sheetId, input.studentNumber, input.name, input.method, input.browserHash, input.network, input.source, input.signals],
  });
  const row = rows[0];
  if (row) {
    // Its trigger numbered and logged the change but left the announcement to us, after the commit.
    hub().announce(input.sheetId);
    return { attendance: row, created: true };
  }

  const why = await pool().query<Refusal>({
    text: `SELECT s.status AS "sheetStatus",
        EXISTS (SELECT 1 FROM attendances n WHERE n.sheet_id = s.id AND n.student_number = $2) AS "numberTaken",
        EXISTS (SELECT 1 FROM attendances n WHERE n.sheet_id = s.id AND n.student_number = $2 AND ${MARKED_AWAY}) AS "markedAway",
        (SELECT json_build_object('id', a.id, 'studentNumber', a.student_number, 'name', a.name, 'method', a.method,
            'createdAt', a.created_at, 'removedAt', a.removed_at, 'correctedFrom', a.corrected_from, 'correctedAt', a.corrected_at,
            'ageMs', extract(epoch FROM now() - a.created_at) * 1000)
          FROM attendances a WHERE a.sheet_id = s.id AND a.device_hash = $3) AS own
      FROM sheets s WHERE s.id = $1`,
    values: [input.sheetId, input.studentNumber, input.browserHash],
  });
  const found = why.rows[0];
  if (!found) throw notFound("sheet");
  const own = found.own;
  if (own?.studentNumber === input.studentNumber && (own.name === input.name || own.removedAt)) {
    if (own.removedAt) throw new AppError("ATTENDANCE_REMOVED");
    return { attendance: studentEntry(own), created: false };
  }
  if (found.sheetStatus === "closed") throw new AppError("SHEET_CLOSED");
  if (found.markedAway && !own) return arrivedAfterAll(input);
  if (found.numberTaken && own?.studentNumber !== input.studentNumber) throw new AppError("STUDENT_ALREADY_REGISTERED");
  if (!own) return checkIn(input); // The conflicting row was removed between the two statements (an undo raced us).
  if (own.removedAt) throw new AppError("DEVICE_ALREADY_USED");
  if (own.correctedAt) throw new AppError("CORRECTION_USED");
  if (own.ageMs > config().TICKET_TTL_SECONDS * 1000) throw new AppError("CORRECTION_EXPIRED");
  return { attendance: await correct(own.id, input), created: false };
}

/** An entry the teacher made to mark a student away, which the student's own check-in replaces. */
const MARKED_AWAY = `n.method = 'teacher' AND n.status IN ('excused', 'absent') AND n.device_hash IS NULL AND n.removed_at IS NULL`;

/**
 * A student the teacher had marked excused or absent checks in after all: the mark becomes their check-in
 * (present or late by its time, as any other), under the same lock and clock as a new entry.
 */
async function arrivedAfterAll(input: CheckinFacts): Promise<StudentResult> {
  const { rows } = await pool().query<StudentEntry>({
    text: `WITH s AS (SELECT id AS open_id FROM sheets WHERE id = $1 AND status = 'open' FOR NO KEY UPDATE)
      UPDATE attendances n SET method = $3::checkin_method, device_hash = $4, network = $5, source = $6, signals = $7::text[],
        status = NULL, status_note = NULL, created_at = clock_timestamp()
      FROM s WHERE n.sheet_id = s.open_id AND n.student_number = $2 AND ${MARKED_AWAY}
      ${STUDENT_RETURNING}`,
    values: [input.sheetId, input.studentNumber, input.method, input.browserHash, input.network, input.source, input.signals],
  });
  // Nothing changed: the sheet closed or the mark changed meanwhile; the next attempt says which.
  return rows[0] ? { attendance: rows[0], created: true } : checkIn(input);
}

function studentEntry(row: StudentEntry): StudentEntry {
  const { id, studentNumber, name, method, removedAt, correctedFrom } = row;
  return {
    id,
    studentNumber,
    name,
    method,
    createdAt: new Date(row.createdAt),
    removedAt: removedAt && new Date(removedAt),
    correctedFrom,
  };
}

/** The one correction a browser may make to its own entry: number and name, keeping what it said before. */
async function correct(id: string, input: CheckinFacts): Promise<StudentEntry> {
  try {
    const { rows } = await pool().query<StudentEntry>({
      text: `UPDATE attendances SET student_number = $2, name = $3, corrected_from = student_number || ' · ' || name, corrected_at = now()
        WHERE id = $1 AND corrected_at IS NULL AND removed_at IS NULL ${STUDENT_RETURNING}`,
      values: [id, input.studentNumber, input.name],
    });
    if (!rows[0]) throw new AppError("CORRECTION_USED");
    return rows[0];
  } catch (err) {
    if (err instanceof Error && "code" in err && err.code === "23505") throw new AppError("STUDENT_ALREADY_REGISTERED");
    throw err;
  }
}

/** This browser's own entry on a sheet, if any: what its check-in page shows again as a receipt. */
export async function ownEntry(sheetId: string, browserHash: string): Promise<StudentEntry | null> {
  const { rows } = await pool().query<StudentEntry>({
    text: `SELECT id, student_number AS "studentNumber", name, method, created_at AS "createdAt", removed_at AS "removedAt",
        corrected_from AS "correctedFrom" FROM attendances WHERE sheet_id = $1 AND device_hash = $2`,
    values: [sheetId, browserHash],
  });
  return rows[0] ?? null;
}
