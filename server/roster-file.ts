/**
 * Reads the roster files academic systems export: CSV (comma, semicolon or tab separated, UTF-8) or
 * XLSX (the first worksheet). The header row names the columns, in Portuguese or English; each data
 * row becomes a roster entry validated like typed input, or an invalid row with its line and reasons.
 */
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { AppError } from "./errors";
import { rosterEntrySchema } from "./student-input";
import { assertZipWithin, ZipTooLarge } from "./zip-limits";

export type RosterEntry = { studentNumber: string; name: string; email: string | null; group: string | null };
export type InvalidRow = { line: number; reasons: string[] };
export type ParsedRoster = { entries: (RosterEntry & { line: number })[]; invalid: InvalidRow[] };

const MAX_ROWS = 20_000;
/** A workbook of MAX_ROWS rows unpacks to a few megabytes; far more is an archive built to exhaust memory. */
const XLSX_LIMITS = { maxEntries: 1_000, maxUncompressedBytes: 64 * 1024 * 1024 };

type Column = "studentNumber" | "name" | "email" | "group";

const headerNames: Record<Column, string[]> = {
  studentNumber: [
    "numero",
    "n",
    "no",
    "num",
    "number",
    "student number",
    "studentnumber",
    "student_number",
    "numero de estudante",
    "numero mecanografico",
    "numero de aluno",
    "codigo",
    "student id",
    "id",
  ],
  name: ["nome", "name", "nome completo", "full name", "student name", "nome do estudante"],
  email: ["email", "e-mail", "mail", "correio eletronico", "endereco de email"],
  group: ["turma", "group", "class", "class group", "grupo", "turno"],
};

/** Lower case, without accents, "º" or dots, single spaces: "N.º" → "n", "E-mail" → "e-mail". */
const headerKey = (raw: string) =>
  raw.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[º°.]/g, "").replace(/\s+/g, " ").trim();

function columnsOf(header: string[]): Partial<Record<Column, number>> {
  const found: Partial<Record<Column, number>> = {};
  header.forEach((cell, index) => {
    const key = headerKey(cell);
    for (const column of Object.keys(headerNames) as Column[]) {
      if (found[column] === undefined && headerNames[column].includes(key)) found[column] = index;
    }
  });
  return found;
}

const unreadable = (message: string) => new AppError("ROSTER_FILE_INVALID", { errors: [{ field: "file", code: "unreadable", message }] });

const isXlsx = (bytes: Buffer) => bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));

function csvRows(bytes: Buffer): { line: number; cells: string[] }[] {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw unreadable("is neither an XLSX workbook nor UTF-8 text (save the CSV as UTF-8)");
  }
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // The header decides the separator: a Portuguese spreadsheet writes ";", others "," or a tab.
  const delimiter = [";", "\t", ","].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ",");
  try {
    // With `info`, each record comes with the line it ends on (csv-parse's types do not say so).
    const options = { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, info: true, to: MAX_ROWS + 2 };
    const records = parse(text, options) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map((r) => ({ line: r.info.lines, cells: r.record }));
  } catch (err) {
    throw unreadable(`is not valid CSV (${err instanceof Error ? err.message.slice(0, 200) : "parse error"})`);
  }
}

/** The text a spreadsheet shows for a cell: numbers as typed, links by their text, formulas by their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== "object") return String(value);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("text" in value) return cellText(value.text);
  if ("result" in value) return cellText(value.result);
  return "";
}

async function xlsxRows(bytes: Buffer): Promise<{ line: number; cells: string[] }[]> {
  try {
    await assertZipWithin(bytes, XLSX_LIMITS);
  } catch (err) {
    throw unreadable(err instanceof ZipTooLarge ? err.message : "is not a readable XLSX workbook");
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw unreadable("is not a readable XLSX workbook");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadable("has no worksheet");
  if (sheet.actualRowCount > MAX_ROWS + 1) throw unreadable(`has more than ${MAX_ROWS} rows`);
  const rows: { line: number; cells: string[] }[] = [];
  sheet.eachRow((row, line) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    rows.push({ line, cells: Array.from(cells, (c) => c ?? "") });
  });
  return rows;
}

/** Parses a roster file; throws ROSTER_FILE_INVALID when it cannot be read as a roster at all. */
export async function parseRosterFile(bytes: Buffer): Promise<ParsedRoster> {
  if (bytes.length === 0) throw unreadable("is empty");
  const rows = isXlsx(bytes) ? await xlsxRows(bytes) : csvRows(bytes);
  if (rows.length > MAX_ROWS + 1) throw unreadable(`has more than ${MAX_ROWS} rows`);
  const [header, ...data] = rows;
  if (!header) throw unreadable("is empty");
  const columns = columnsOf(header.cells);
  if (columns.studentNumber === undefined || columns.name === undefined) {
    throw unreadable("needs a header row with a student number column (número, number) and a name column (nome, name)");
  }
  const cell = (cells: string[], column: Column) => (columns[column] === undefined ? undefined : (cells[columns[column]] ?? "").trim());
  const parsed: ParsedRoster = { entries: [], invalid: [] };
  const seen = new Map<string, number>();
  for (const { line, cells } of data) {
    if (cells.every((c) => c.trim() === "")) continue;
    const result = rosterEntrySchema.safeParse({
      studentNumber: cell(cells, "studentNumber"),
      name: cell(cells, "name"),
      email: cell(cells, "email") ?? "",
      group: cell(cells, "group") ?? "",
    });
    if (!result.success) {
      parsed.invalid.push({ line, reasons: result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) });
      continue;
    }
    const entry = {
      line,
      studentNumber: result.data.studentNumber,
      name: result.data.name,
      email: result.data.email ?? null,
      group: result.data.group ?? null,
    };
    const earlier = seen.get(entry.studentNumber);
    if (earlier !== undefined) {
      parsed.invalid.push({ line, reasons: [`studentNumber: repeats line ${earlier}`] });
      continue;
    }
    seen.set(entry.studentNumber, line);
    parsed.entries.push(entry);
  }
  return parsed;
}
