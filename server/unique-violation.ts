/** Recognises a unique-constraint violation (Prisma P2002 or PostgreSQL 23505) on a given column. */
type Violation = { code?: unknown; meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: unknown } } } } };

export function isUniqueViolation(err: unknown, field?: string): boolean {
  if (!err || typeof err !== "object") return false;
  const e = err as Violation;
  if (e.code !== "P2002" && e.code !== "23505") return false;
  if (!field) return true;
  const fields = e.meta?.driverAdapterError?.cause?.constraint?.fields ?? e.meta?.target;
  return Array.isArray(fields) ? fields.some((f) => String(f).replaceAll('"', "") === field) : true;
}
