/** Keyset pagination: opaque cursors over (time, id), stable while rows are added. */
import { z } from "zod";
import { AppError } from "./errors";

export type Cursor = { at: Date; id: string };

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

// What encodeCursor writes: a four-digit-year ISO time (PostgreSQL refuses year 0 and JS's extreme
// dates) and a UUID.
const cursorSchema = z.tuple([z.iso.datetime({ precision: 3 }).refine((at) => !at.startsWith("0000")), z.uuid()]);

export function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (cursor === undefined) return undefined;
  const parsed = cursorSchema.safeParse(Buffer.from(cursor, "base64url").toString().split("|"));
  if (!parsed.success) {
    throw new AppError("VALIDATION_FAILED", {
      errors: [{ field: "query.cursor", code: "invalid", message: "is not a cursor from a previous page" }],
    });
  }
  const [at, id] = parsed.data;
  return { at: new Date(at), id };
}

/** Splits the extra row fetched beyond the page into the next cursor. */
export function page<T extends { createdAt: Date; id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
