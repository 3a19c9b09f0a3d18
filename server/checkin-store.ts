/**
 * The database side of a student's check-in: the sheet's key for the ticket exchange and the attendance
 * insert. Hundreds of these arrive in the first minutes of a class, so they are plain parameterised
 * statements on the shared pool, without the ORM (and without importing it: the production entry serves
 * these two requests itself). Statements are not named: the embedded PostgreSQL shares one session
 * between connections, where names collide.
 */
import { createHmac } from "node:crypto";
import { config } from "./config";
import { AppError, notFound } from "./errors";
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

type SheetKey = { id: string; code: string; status: SheetStatus; secret: Buffer };

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
    text: "SELECT id, code, status, secret FROM sheets WHERE code = $1",
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

/** Device ids are hashed with a server key: the database never holds what a browser sent. */
export function hashDeviceId(deviceId: string): string {
  return createHmac("sha256", config().AUTH_SECRET).update(`device|${deviceId}`).digest("base64url");
}

/** Why an insert did nothing: the sheet's state, the device's use, and the student's entry if any. */
type Refusal = Omit<AttendanceRow, "id"> & { id: string | null; sheetStatus: SheetStatus; deviceUsed: boolean };

/**
 * The common case is one statement: it inserts only while the sheet is open, and the unique constraints
 * on (sheet, student number) and (sheet, device) make it a no-op for a repeat or a device already used.
 * Only when nothing was inserted does a second statement find out why.
 */
export async function checkIn(input: {
  sheetId: string;
  studentNumber: string;
  name: string;
  method: "qr" | "code";
  deviceId: string;
}): Promise<CheckinResult> {
  const deviceHash = hashDeviceId(input.deviceId);
  const { rows } = await pool().query<AttendanceRow>({
    text: `INSERT INTO attendances (sheet_id, student_number, name, method, device_hash)
      SELECT s.id, $2, $3, $4::checkin_method, $5 FROM sheets s WHERE s.id = $1 AND s.status = 'open'
      ON CONFLICT DO NOTHING ${ATTENDANCE_RETURNING}`,
    values: [input.sheetId, input.studentNumber, input.name, input.method, deviceHash],
  });
  const row = rows[0];
  if (row) return { attendance: row, created: true };

  const why = await pool().query<Refusal>({
    text: `SELECT s.status AS "sheetStatus",
        EXISTS (SELECT 1 FROM attendances d WHERE d.sheet_id = s.id AND d.device_hash = $3) AS "deviceUsed",
        a.id, a.student_number AS "studentNumber", a.name, a.method, a.created_at AS "createdAt", a.removed_at AS "removedAt"
      FROM sheets s LEFT JOIN attendances a ON a.sheet_id = s.id AND a.student_number = $2
      WHERE s.id = $1`,
    values: [input.sheetId, input.studentNumber, deviceHash],
  });
  const found = why.rows[0];
  if (!found) throw notFound("sheet");
  if (found.id !== null) {
    if (found.removedAt) throw new AppError("ATTENDANCE_REMOVED");
    const { studentNumber, name, method, createdAt, removedAt } = found;
    return { attendance: { id: found.id, studentNumber, name, method, createdAt, removedAt }, created: false };
  }
  if (found.sheetStatus === "closed") throw new AppError("SHEET_CLOSED");
  if (found.deviceUsed) throw new AppError("DEVICE_ALREADY_USED");
  // The conflicting row was removed between the two statements (an undo raced us): try again.
  return checkIn(input);
}
