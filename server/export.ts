/**
 * Exports people can open: a sheet and the term report as an XLSX workbook (typed numbers and dates)
 * or as CSV in the reader's language (pt: Portuguese headers and ";", en: English and ","), with times
 * in the service's time zone and every text cell neutralised against formula injection (csv.ts).
 */
import ExcelJS from "exceljs";
import type { Locale } from "@/lib/i18n/locales";
import { config } from "./config";
import { toCsv } from "./csv";
import { exportLabels } from "./export-labels";
import { localDateTime, wallClock } from "./local-time";
import { termReport } from "./report";
import { sheetRosterCheck } from "./sheet-roster";

type Cell = string | number | Date | null;
type Column = { header: string; kind: "text" | "date" | "number"; width: number };
type Table = { sheetName: string; columns: Column[]; rows: Cell[][] };
export type ExportFile = { filename: string; contentType: string; body: Buffer | string };

const csvText = (cell: Cell): string =>
  cell === null ? "" : cell instanceof Date ? localDateTime(cell) : typeof cell === "number" ? String(cell) : cell;

async function render(table: Table, format: "csv" | "xlsx", locale: Locale, name: string): Promise<ExportFile> {
  if (format === "csv") {
    const body = toCsv(
      table.columns.map((c) => c.header),
      table.rows.map((row) => row.map(csvText)),
      exportLabels[locale].separator,
    );
    return { filename: `${name}.csv`, contentType: "text/csv; charset=utf-8", body };
  }
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(table.sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({
    header: c.header,
    width: c.width,
    ...(c.kind === "date" ? { style: { numFmt: "yyyy-mm-dd hh:mm:ss" } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  // Strings are written as text cells, never as formulas, so nothing in them runs when opened.
  for (const row of table.rows) sheet.addRow(row.map((cell) => (cell instanceof Date ? wallClock(cell) : cell)));
  const body = Buffer.from(await workbook.xlsx.writeBuffer());
  return { filename: `${name}.xlsx`, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body };
}

const fileSafe = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, "_");

/** A sheet's entries, and its roster's absentees, with statuses. */
export async function exportSheet(teacherId: string, sheetId: string, format: "csv" | "xlsx", locale: Locale): Promise<ExportFile> {
  const check = await sheetRosterCheck(teacherId, sheetId);
  const { sheet } = check;
  const l = exportLabels[locale];
  const zone = config().TIME_ZONE;
  const tail = [sheet.courseUnit.code, sheet.courseUnit.name, sheet.summary, sheet.code, sheet.createdAt];
  const columns: Column[] = [
    { header: l.sheet.number, kind: "text", width: 16 },
    { header: l.sheet.name, kind: "text", width: 32 },
    { header: l.sheet.status, kind: "text", width: 12 },
    { header: l.sheet.time(zone), kind: "date", width: 20 },
    { header: l.sheet.method, kind: "text", width: 18 },
    { header: l.sheet.note, kind: "text", width: 24 },
    { header: l.sheet.unit, kind: "text", width: 12 },
    { header: l.sheet.unitName, kind: "text", width: 28 },
    { header: l.sheet.summary, kind: "text", width: 32 },
    { header: l.sheet.sheet, kind: "text", width: 10 },
    { header: l.sheet.openedAt(zone), kind: "date", width: 20 },
    { header: l.sheet.receipt, kind: "text", width: 10 },
    { header: l.sheet.flags, kind: "text", width: 32 },
    { header: l.sheet.review, kind: "text", width: 10 },
    { header: l.sheet.correctedFrom, kind: "text", width: 24 },
  ];
  const rows: Cell[][] = [
    ...check.entries.map((e) => [
      e.studentNumber,
      e.name,
      l.status[e.status],
      e.createdAt,
      l.method[e.method],
      e.statusNote ?? "",
      ...tail,
      e.receipt,
      e.flags.join(" "),
      e.review ? l.report.yes : l.report.no,
      e.correctedFrom ?? "",
    ]),
    ...check.absentees.map((s) => [s.studentNumber, s.name, l.status.absent, null, "", "", ...tail, "", "", "", ""]),
  ];
  const day = localDateTime(sheet.createdAt).slice(0, 10);
  return render(
    { sheetName: l.sheetName.attendance, columns, rows },
    format,
    locale,
    `attendance-${fileSafe(sheet.courseUnit.code)}-${day}-${sheet.code}`,
  );
}

/** The term report: one row per student, one column per session, then the totals and the rate. */
export async function exportReport(
  teacherId: string,
  courseUnitId: string,
  group: string | undefined,
  format: "csv" | "xlsx",
  locale: Locale,
): Promise<ExportFile> {
  const report = await termReport(teacherId, courseUnitId, group);
  const l = exportLabels[locale];
  const columns: Column[] = [
    { header: l.report.unit, kind: "text", width: 12 },
    { header: l.report.number, kind: "text", width: 16 },
    { header: l.report.name, kind: "text", width: 32 },
    { header: l.report.group, kind: "text", width: 8 },
    ...report.sessions.map((s): Column => ({
      header: `${localDateTime(s.openedAt).slice(0, 16)} ${s.summary}`.trim(),
      kind: "text",
      width: 14,
    })),
    { header: l.report.present, kind: "number", width: 10 },
    { header: l.report.late, kind: "number", width: 10 },
    { header: l.report.excused, kind: "number", width: 10 },
    { header: l.report.absent, kind: "number", width: 10 },
    { header: l.report.rate, kind: "number", width: 12 },
    { header: l.report.below, kind: "text", width: 10 },
  ];
  const rows: Cell[][] = report.students.map((s) => [
    report.courseUnit.code,
    s.studentNumber,
    s.name,
    s.group ?? "",
    ...s.statuses.map((status) => l.status[status]),
    s.counts.present,
    s.counts.late,
    s.counts.excused,
    s.counts.absent,
    s.rate,
    s.belowMinimum ? l.report.yes : l.report.no,
  ]);
  const name = `report-${fileSafe(report.courseUnit.code)}${group ? `-${fileSafe(group)}` : ""}`;
  return render({ sheetName: l.sheetName.report, columns, rows }, format, locale, name);
}
