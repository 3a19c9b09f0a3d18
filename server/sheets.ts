/** Attendance sheets: one class session of a course unit, owned by one teacher and shared with its team. */
import { randomBytes, randomInt } from "node:crypto";
import { SHEET_CODE_ALPHABET, SHEET_CODE_LENGTH } from "@/lib/validations/checkin";
import { forgetSheetKey, sheetKeyByCode } from "./checkin-store";
import { showsQr } from "./checkin-tokens";
import { claimUnitIfUnled } from "./course-unit-team";
import { prisma } from "./db";
import { AppError, notFound } from "./errors";
import { decodeCursor, page } from "./pagination";
import { pool } from "./pool";
import { sheetScope } from "./sheet-access";
import { lookUpCode } from "./presence/code-probes";
import { isUniqueViolation } from "./unique-violation";
import type { Prisma, SheetStatus } from "./generated/prisma/client";

const view = {
  id: true,
  code: true,
  summary: true,
  status: true,
  createdAt: true,
  updatedAt: true,
  closedAt: true,
  lateAfter: true,
  courseUnit: { select: { id: true, code: true, name: true } },
  _count: { select: { attendances: { where: { removedAt: null } } } },
} as const satisfies Prisma.SheetSelect;

type Row = Prisma.SheetGetPayload<{ select: typeof view }>;

export type SheetView = Omit<Row, "_count"> & { attendanceCount: number };

const present = ({ _count, ...sheet }: Row): SheetView => ({ ...sheet, attendanceCount: _count.attendances });

export function generateSheetCode(): string {
  return Array.from({ length: SHEET_CODE_LENGTH }, () => SHEET_CODE_ALPHABET[randomInt(SHEET_CODE_ALPHABET.length)]).join("");
}

export async function createSheet(ownerId: string, input: { courseUnitId: string; summary: string }): Promise<SheetView> {
  const unit = await prisma.courseUnit.findUnique({ where: { id: input.courseUnitId }, select: { id: true, lateAfterMinutes: true } });
  if (!unit) {
    throw new AppError("VALIDATION_FAILED", {
      errors: [{ field: "courseUnitId", code: "not_found", message: "is not a known course unit" }],
    });
  }
  await claimUnitIfUnled(ownerId, unit.id);
  const createdAt = new Date();
  const lateAfter = new Date(createdAt.getTime() + unit.lateAfterMinutes * 60_000);
  // 25^6 codes: a collision is rare, and the unique constraint catches it.
  for (let attempt = 0; ; attempt++) {
    try {
      const row = await prisma.sheet.create({
        data: {
          ownerId,
          courseUnitId: unit.id,
          summary: input.summary,
          code: generateSheetCode(),
          secret: randomBytes(32),
          createdAt,
          lateAfter,
        },
        select: view,
      });
      return present(row);
    } catch (err) {
      if (attempt < 5 && isUniqueViolation(err, "code")) continue;
      throw err;
    }
  }
}

async function ownedRow(teacherId: string, id: string): Promise<Row> {
  const row = await prisma.sheet.findFirst({ where: { id, ...(await sheetScope(teacherId)) }, select: view });
  // A sheet outside the teacher's reach is indistinguishable from a missing one.
  if (!row) throw notFound("sheet");
  return row;
}

export async function getSheet(ownerId: string, id: string): Promise<SheetView> {
  return present(await ownedRow(ownerId, id));
}

/** Refuses a sheet outside the teacher's reach (sheet-access.ts) exactly as a missing one; returns the sheet's status. */
export async function assertOwnsSheet(teacherId: string, id: string): Promise<{ status: SheetStatus }> {
  const found = await prisma.sheet.findFirst({ where: { id, ...(await sheetScope(teacherId)) }, select: { status: true } });
  if (!found) throw notFound("sheet");
  return found;
}

export async function listSheets(
  ownerId: string,
  query: { courseUnitId?: string; status?: "open" | "closed"; cursor?: string; limit: number },
) {
  const cursor = decodeCursor(query.cursor);
  const rows = await prisma.sheet.findMany({
    where: {
      AND: [await sheetScope(ownerId)],
      ...(query.courseUnitId ? { courseUnitId: query.courseUnitId } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(cursor ? { OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: view,
  });
  const { items, nextCursor } = page(rows, query.limit);
  return { items: items.map(present), nextCursor };
}

export async function updateSheet(
  ownerId: string,
  id: string,
  changes: { status?: "open" | "closed"; summary?: string; lateAfter?: Date | null },
): Promise<SheetView> {
  await ownedRow(ownerId, id);
  const { status, ...rest } = changes;
  const row = await prisma.$transaction(async (tx) => {
    if (status === "closed") await closeInOrder(tx, id);
    return tx.sheet.update({ where: { id }, data: { ...rest, ...(status === "open" ? { status, closedAt: null } : {}) }, select: view });
  });
  forgetSheetKey(row.code);
  return present(row);
}

/**
 * Closes an open sheet with a time that tells the same story as the commits: the sheet's row lock is
 * taken first, so every check-in that got in before has committed (check-ins take the same lock and
 * their time from the database clock while holding it, checkin-store.ts); the next statement then
 * sees them all, and the close time is the database clock, never earlier than the latest entry.
 * Closing a closed sheet keeps its time.
 */
async function closeInOrder(tx: Prisma.TransactionClient, id: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM sheets WHERE id = ${id}::uuid FOR NO KEY UPDATE`;
  await tx.$executeRaw`UPDATE sheets SET status = 'closed', updated_at = clock_timestamp(),
      closed_at = greatest(clock_timestamp(), (SELECT max(created_at) FROM attendances WHERE sheet_id = ${id}::uuid))
    WHERE id = ${id}::uuid AND status = 'open'`;
}

/**
 * What anyone with a sheet's code sees before registering: the course unit and whether the sheet is
 * open, which is all a student needs to know they are in the right class. The teacher's name and the
 * lesson summary stay with the teachers. Unknown codes count against the client's address
 * (presence/code-probes.ts); a QR token from the screen, when given, lets a paused address through.
 */
export async function describeSheet(code: string, client: { address: string | null; token?: string }) {
  return lookUpCode(
    client.address,
    async () => {
      // Every scan renders the student's page with this: plain SQL, so that page never loads the ORM.
      const { rows } = await pool().query<{ code: string; status: SheetStatus; unitCode: string; unitName: string }>({
        text: `SELECT s.code, s.status, cu.code AS "unitCode", cu.name AS "unitName"
          FROM sheets s JOIN course_units cu ON cu.id = s.course_unit_id WHERE s.code = $1`,
        values: [code],
      });
      const found = rows[0];
      if (!found) throw notFound("sheet");
      return { code: found.code, status: found.status, courseUnit: { code: found.unitCode, name: found.unitName } };
    },
    async () => client.token !== undefined && showsQr(await sheetKeyByCode(code), client.token),
  );
}
