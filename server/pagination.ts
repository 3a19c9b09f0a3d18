/** Keyset pagination: opaque cursors over (time, id), stable while rows are added. */
import { AppError } from "./errors";

export type Cursor = { at: Date; id: string };

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (cursor === undefined) return undefined;
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const date = new Date(at ?? "");
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(date.getTime())) {
    throw new AppError("VALIDATION_FAILED", { errors: [{ field: "query.cursor", code: "invalid", message: "is not a cursor from a previous page" }] });
  }
  return { at: date, id };
}

/** Splits the extra row fetched beyond the page into the next cursor. */
export function page<T extends { createdAt: Date; id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
