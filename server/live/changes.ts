/**
 * The sheets' change log (table sheet_changes), as the live screens read it. Database triggers write it
 * in the same transaction as each change (see the migration `…_sheet_changes`): every change to a
 * sheet's entries or status gets the sheet's next sequence number and is announced with NOTIFY on
 * CHANNEL. This module only reads, in batches: one statement serves many sheets.
 */
import type { AttendanceRow } from "../checkin-store";
import { notFound } from "../errors";
import { pool } from "../pool";
import { receiptCode } from "../presence/receipt";
import { presenceOf, type PresenceFlag, type SignalRow } from "../presence/review";
import { sheetAccessSql } from "../sheet-access";

export const CHANNEL = "sheet_changes";

export type ChangeKind = "added" | "removed" | "restored" | "edited" | "closed" | "reopened";

/** The entry as the list shows it, with times as ISO strings, and what the teacher's review needs. */
export type ChangeEntry = Omit<AttendanceRow, "createdAt" | "removedAt"> & {
  createdAt: string;
  removedAt: string | null;
  receipt?: string;
  flags?: PresenceFlag[];
  review?: boolean;
  correctedFrom?: string | null;
  confirmedAt?: string | null;
};

export type Change = { seq: number; kind: ChangeKind; count: number; entry: ChangeEntry | null };

/** At most this many changes of one sheet per read; a sheet with more is read again at once. */
export const READ_LIMIT = 500;

type Row = { sheetId: string; seq: string; kind: ChangeKind; count: number; entry: ChangeEntry | null };

/** The changes after `after` of each sheet, oldest first, in one statement. */
export async function changesSince(cursors: Map<string, number>): Promise<Map<string, Change[]>> {
  const ids = [...cursors.keys()];
  const { rows } = await pool().query<Row>({
    text: `SELECT w.sheet_id AS "sheetId", c.seq, c.kind, c.count, c.entry
      FROM unnest($1::uuid[], $2::bigint[]) AS w(sheet_id, after)
      CROSS JOIN LATERAL (
        SELECT seq, kind, count, entry FROM sheet_changes
        WHERE sheet_id = w.sheet_id AND seq > w.after ORDER BY seq LIMIT ${READ_LIMIT}
      ) c`,
    values: [ids, ids.map((id) => cursors.get(id) ?? 0)],
  });
  const found = new Map<string, Change[]>();
  for (const { sheetId, seq, kind, count, entry } of rows) {
    const list = found.get(sheetId) ?? [];
    list.push({ seq: Number(seq), kind, count, entry });
    found.set(sheetId, list);
  }
  for (const list of found.values()) list.sort((a, b) => a.seq - b.seq);
  await addPresence(found);
  return found;
}

type SignalRowOf = SignalRow & { sheetId: string; correctedFrom: string | null };

/**
 * The log holds each entry as the database saw it; its receipt and presence flags are worked out here,
 * once per batch for all the screens of these sheets (flags such as "another network than most of the
 * class" depend on the whole list, so they are worked out over each sheet's current entries).
 */
async function addPresence(found: Map<string, Change[]>): Promise<void> {
  const sheetIds = [...found].filter(([, list]) => list.some((c) => c.entry)).map(([id]) => id);
  if (sheetIds.length === 0) return;
  const { rows } = await pool().query<SignalRowOf>({
    text: `SELECT id, sheet_id AS "sheetId", created_at AS "createdAt", method, network, source, signals,
        corrected_from AS "correctedFrom", confirmed_at AS "confirmedAt"
      FROM attendances WHERE sheet_id = ANY($1::uuid[]) AND removed_at IS NULL`,
    values: [sheetIds],
  });
  const bySheet = new Map<string, SignalRowOf[]>();
  for (const row of rows) bySheet.set(row.sheetId, [...(bySheet.get(row.sheetId) ?? []), row]);
  for (const [sheetId, list] of found) {
    const signalRows = bySheet.get(sheetId) ?? [];
    const presence = presenceOf(signalRows);
    const extra = new Map(signalRows.map((r) => [r.id, r]));
    for (const { entry } of list) {
      if (!entry) continue;
      const p = presence.get(entry.id) ?? { flags: [], review: false };
      const row = extra.get(entry.id);
      Object.assign(entry, {
        receipt: receiptCode(entry.id),
        flags: p.flags,
        review: p.review,
        correctedFrom: row?.correctedFrom ?? null,
        confirmedAt: row?.confirmedAt ? row.confirmedAt.toISOString() : null,
      });
    }
  }
}

/** The latest sequence number of each of these sheets (one indexed look-up each, in one statement). */
export async function latestSeqs(ids: string[]): Promise<Map<string, number>> {
  const { rows } = await pool().query<{ id: string; seq: string }>({
    text: `SELECT id, change_seq AS seq FROM sheets WHERE id = ANY($1::uuid[])`,
    values: [ids],
  });
  return new Map(rows.map((r) => [r.id, Number(r.seq)]));
}

export type SheetVersion = { seq: number; status: "open" | "closed"; count: number };

/** A sheet's version, if it is this teacher's: what a stream or an unchanged poll needs, from one row. */
export async function ownedSheetVersion(ownerId: string, sheetId: string): Promise<SheetVersion> {
  const { rows } = await pool().query<{ seq: string; status: "open" | "closed"; count: number }>({
    text: `SELECT change_seq AS seq, status, present_count AS count FROM sheets s WHERE s.id = $1 AND ${sheetAccessSql("$2")}`,
    values: [sheetId, ownerId],
  });
  const row = rows[0];
  // Another teacher's sheet is indistinguishable from a missing one.
  if (!row) throw notFound("sheet");
  return { seq: Number(row.seq), status: row.status, count: row.count };
}
