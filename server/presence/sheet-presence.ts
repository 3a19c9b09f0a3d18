/**
 * The teacher's side of presence: the classroom-network rule, the guessing report, the flags on the list,
 * and confirming an entry after a look (where the projection is shown from: projection-network.ts).
 */
import type { PresenceSettings } from "@/lib/validations/presence";
import { forgetSheetKey } from "../checkin-store";
import { notFound } from "../errors";
import { pool } from "../pool";
import { prisma } from "../db";
import { assertOwnsSheet } from "../sheets";
import { guessingOn } from "./digit-guard";
import { presenceOf, type Presence, type SignalRow } from "./review";
import { receiptCode } from "./receipt";

async function view(sheetId: string) {
  const [row, guessing] = await Promise.all([
    prisma.sheetPresence.findUnique({ where: { sheetId }, select: { strict: true, networks: true, projectionSeenAt: true } }),
    guessingOn(sheetId),
  ]);
  return {
    strict: row?.strict ?? false,
    networks: row?.networks ?? [],
    projectionSeenAt: row?.projectionSeenAt ?? null,
    guessing,
  };
}

export async function sheetPresence(ownerId: string, sheetId: string) {
  await assertOwnsSheet(ownerId, sheetId);
  return view(sheetId);
}

export async function setPresenceSettings(ownerId: string, sheetId: string, settings: PresenceSettings) {
  await assertOwnsSheet(ownerId, sheetId);
  const sheet = await prisma.sheet.update({
    where: { id: sheetId },
    data: { presence: { upsert: { create: settings, update: settings } } },
    select: { code: true },
  });
  forgetSheetKey(sheet.code);
  return view(sheetId);
}

/** The teacher looked at an entry's signals and keeps it: it leaves the "to review" list. */
export async function confirmAttendance(ownerId: string, sheetId: string, studentNumber: string) {
  await assertOwnsSheet(ownerId, sheetId);
  const { rowCount } = await pool().query({
    text: "UPDATE attendances SET confirmed_at = coalesce(confirmed_at, now()) WHERE sheet_id = $1 AND student_number = $2",
    values: [sheetId, studentNumber],
  });
  if (!rowCount) throw notFound("attendance");
}

/** What the list selects besides the entry itself, to work out its flags. */
export const signalSelect = {
  network: true,
  source: true,
  signals: true,
  correctedFrom: true,
  confirmedAt: true,
} as const;

type Listed = SignalRow & { id: string; correctedFrom: string | null };

/**
 * The list's entries with their receipt code, correction, flags and review state; the hashes stay on the
 * server. Worked out from the rows alone: a list poll costs no further query.
 */
export function withPresence<R extends Listed>(rows: R[]) {
  const presence = presenceOf(rows);
  return rows.map(({ network: _network, source: _source, signals: _signals, ...row }) => {
    const p: Presence = presence.get(row.id) ?? { flags: [], review: false };
    return { ...row, receipt: receiptCode(row.id), flags: p.flags, review: p.review };
  });
}
