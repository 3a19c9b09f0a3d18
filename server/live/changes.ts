/**
 * The sheets' change log (table sheet_changes), as the live screens read it. Database triggers write it
 * in the same transaction as each change (see the migration `…_sheet_changes`): every change to a
 * sheet's entries or status gets the sheet's next sequence number and is announced with NOTIFY on
 * CHANNEL. This module only reads, in batches: one statement serves many sheets.
 */
import type { AttendanceRow } from "../checkin-store";
import { pool } from "../pool";
import { receiptCode } from "../presence/receipt";
import { BURST_MS, majorityOf, presenceOfEntry, type PresenceFlag, type SignalRow } from "../presence/review";
import { accessibleSheetRow } from "../sheet-access";

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

type EntryRow = SignalRow & { correctedFrom: string | null; afterSameSource: boolean };

/**
 * The log holds each entry as the database saw it; its receipt and presence flags are added here, once per
 * batch for all the screens of these sheets. Only the changed entries are read, with what the rest of
 * their list tells about them (the class's majority network, an earlier entry from the same address), so
 * a batch costs the same however long the lists are.
 */
async function addPresence(found: Map<string, Change[]>): Promise<void> {
  const entries = [...found.values()].flatMap((list) => list.flatMap((c) => (c.entry ? [c.entry] : [])));
  if (entries.length === 0) return;
  const sheetIds = [...found].filter(([, list]) => list.some((c) => c.entry)).map(([id]) => id);
  const [{ rows }, { rows: networks }] = await Promise.all([
    pool().query<EntryRow>({
      text: `SELECT a.id, a.created_at AS "createdAt", a.method, a.network, a.source, a.signals,
          a.corrected_from AS "correctedFrom", a.confirmed_at AS "confirmedAt",
          EXISTS (SELECT 1 FROM attendances p
            WHERE p.sheet_id = a.sheet_id AND p.source = a.source AND p.removed_at IS NULL AND p.method <> 'teacher'
              AND p.created_at < a.created_at AND p.created_at >= a.created_at - make_interval(secs => $2)) AS "afterSameSource"
        FROM attendances a WHERE a.id = ANY($1::uuid[])`,
      values: [[...new Set(entries.map((e) => e.id))], BURST_MS / 1000],
    }),
    pool().query<{ sheetId: string; network: string; n: number }>({
      text: `SELECT sheet_id AS "sheetId", network, count(*)::int AS n FROM attendances
        WHERE sheet_id = ANY($1::uuid[]) AND removed_at IS NULL AND network IS NOT NULL GROUP BY 1, 2`,
      values: [sheetIds],
    }),
  ]);
  const countsBySheet = new Map<string, Map<string, number>>();
  for (const { sheetId, network, n } of networks) {
    const counts = countsBySheet.get(sheetId) ?? new Map<string, number>();
    countsBySheet.set(sheetId, counts.set(network, n));
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const [sheetId, list] of found) {
    const majority = majorityOf(countsBySheet.get(sheetId) ?? new Map<string, number>());
    for (const { entry } of list) {
      if (!entry) continue;
      const row = byId.get(entry.id);
      const p = row ? presenceOfEntry(row, { majority, afterSameSource: row.afterSameSource }) : { flags: [], review: false };
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
  const row = await accessibleSheetRow<{ seq: string; status: "open" | "closed"; count: number }>(
    ownerId,
    sheetId,
    "change_seq AS seq, status, present_count AS count",
  );
  return { seq: Number(row.seq), status: row.status, count: row.count };
}
