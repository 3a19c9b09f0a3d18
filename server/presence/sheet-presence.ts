/**
 * The teacher's side of presence: where the projection is shown from, the classroom-network rule, the
 * guessing report, the flags on the list, and confirming an entry after a look.
 */
import type { PresenceSettings } from "@/lib/validations/presence";
import { forgetSheetKey } from "../checkin-store";
import { notFound } from "../errors";
import { pool } from "../pool";
import { prisma } from "../db";
import { assertOwnsSheet } from "../sheets";
import { guessingOn } from "./digit-guard";
import { placeOf } from "./network";
import { presenceOf, type Presence, type SignalRow } from "./review";
import { receiptCode } from "./receipt";

// The projection fetches a QR every few seconds; its network is written only when it changes, or once a minute.
const NOTED_MS = 60_000;
const noted = new Map<string, { network: string; until: number }>();

/** Records the network the projection page's QR fetch came from (a keyed hash). */
export async function noteProjection(sheetId: string, address: string | null): Promise<void> {
  const { network } = placeOf(address);
  if (!network) return;
  const now = Date.now();
  const seen = noted.get(sheetId);
  if (seen && seen.network === network && seen.until > now) return;
  if (noted.size > 10_000) noted.clear();
  noted.set(sheetId, { network, until: now + NOTED_MS });
  const { rows } = await pool().query<{ code: string }>({
    text: `WITH saved AS (
        INSERT INTO sheet_presences (sheet_id, projection_network, projection_seen_at) VALUES ($1, $2, now())
        ON CONFLICT (sheet_id) DO UPDATE SET projection_network = excluded.projection_network, projection_seen_at = now()
        RETURNING sheet_id)
      SELECT s.code FROM sheets s JOIN saved ON saved.sheet_id = s.id`,
    values: [sheetId, network],
  });
  // The strict rule compares with this network: the ticket exchange must not keep the old one.
  if (rows[0]) forgetSheetKey(rows[0].code);
}

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
