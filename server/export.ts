/** The attendance list of a sheet as a CSV file. */
import { allAttendances } from "./attendances";
import { toCsv } from "./csv";
import { getSheet } from "./sheets";

export async function exportSheetCsv(ownerId: string, sheetId: string): Promise<{ filename: string; body: string }> {
  const sheet = await getSheet(ownerId, sheetId);
  const rows = await allAttendances(ownerId, sheetId);
  const body = toCsv(
    ["Student number", "Name", "Checked in at (UTC)", "Method", "Course unit", "Sheet", "Receipt", "Presence flags", "To review", "Corrected from"],
    rows.map((r) => [
      r.studentNumber,
      r.name,
      r.createdAt.toISOString(),
      r.method,
      sheet.courseUnit.code,
      sheet.code,
      r.receipt,
      r.flags.join(" "),
      r.review ? "yes" : "no",
      r.correctedFrom ?? "",
    ]),
  );
  const day = sheet.createdAt.toISOString().slice(0, 10);
  const unit = sheet.courseUnit.code.replace(/[^A-Za-z0-9_.-]/g, "_");
  return { filename: `attendance-${unit}-${day}-${sheet.code}.csv`, body };
}
