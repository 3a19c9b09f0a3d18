/** Course units with a team, roster files and their upload, for the roster, report and export tests. */
import { randomBytes } from "node:crypto";
import { buffer } from "node:stream/consumers";
import ExcelJS from "exceljs";
import yazl from "yazl";
import { baseUrl, call, type Reply, type Sheet, type Teacher } from "./api";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A fresh course unit; its creator owns its team. */
export async function newCourseUnit(teacher: Teacher): Promise<string> {
  const code = `T${randomBytes(5).toString("hex").toUpperCase()}`;
  const unit = await call<{ id: string }>("POST", "/api/course-units", { token: teacher.token, body: { code, name: `Unit ${code}` } });
  if (unit.status !== 201) throw new Error(`course unit failed: ${unit.status} ${unit.text}`);
  return unit.body.id;
}

export async function sheetIn(teacher: Teacher, courseUnitId: string, summary = "Aula"): Promise<Sheet> {
  const sheet = await call<Sheet>("POST", "/api/sheets", { token: teacher.token, body: { courseUnitId, summary } });
  if (sheet.status !== 201) throw new Error(`sheet failed: ${sheet.status} ${sheet.text}`);
  return sheet.body;
}

export type Student = { number: string; name: string; email?: string; group?: string };

export function rosterCsv(students: Student[], separator = ";"): string {
  const lines = [["Número", "Nome", "E-mail", "Turma"], ...students.map((s) => [s.number, s.name, s.email ?? "", s.group ?? ""])];
  return lines.map((l) => l.join(separator)).join("\r\n");
}

export async function rosterXlsx(students: Student[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Inscritos");
  sheet.addRow(["Student number", "Name", "Email", "Group"]);
  for (const s of students) sheet.addRow([s.number, s.name, s.email ?? null, s.group ?? null]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function upload<T = Record<string, unknown>>(
  teacher: Teacher,
  courseUnitId: string,
  step: "preview" | "import",
  file: string | Buffer,
  mode: "merge" | "replace" = "merge",
): Promise<Reply<T>> {
  const response = await fetch(`${baseUrl}/api/course-units/${courseUnitId}/roster/${step}?mode=${mode}`, {
    method: "POST",
    headers: { authorization: `Bearer ${teacher.token}`, "content-type": typeof file === "string" ? "text/csv" : XLSX_TYPE },
    body: typeof file === "string" ? file : new Uint8Array(file),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body: body as T, headers: response.headers, text };
}

export const students = (count: number, prefix = "UP2024"): Student[] =>
  Array.from({ length: count }, (_, i) => ({
    number: `${prefix}${String(i + 1).padStart(5, "0")}`,
    name: `Estudante ${i + 1}`,
    email: `e${i + 1}@example.org`,
    group: `T${(i % 3) + 1}`,
  }));

export async function download(path: string, token: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** A ZIP archive of these files (deflated), e.g. a hostile "workbook". */
export function zipOf(files: Record<string, Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(files)) zip.addBuffer(data, name);
  zip.end();
  return buffer(zip.outputStream);
}
