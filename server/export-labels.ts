/** The words of exported files, in the reader's language. */
import type { Locale } from "@/lib/i18n/locales";
import type { AttendanceStatus } from "./statuses";

type Labels = {
  separator: string;
  status: Record<AttendanceStatus, string>;
  method: Record<"qr" | "code" | "teacher", string>;
  sheet: {
    number: string;
    name: string;
    status: string;
    time: (zone: string) => string;
    method: string;
    note: string;
    receipt: string;
    flags: string;
    review: string;
    correctedFrom: string;
    unit: string;
    unitName: string;
    summary: string;
    sheet: string;
    openedAt: (zone: string) => string;
  };
  report: {
    number: string;
    name: string;
    group: string;
    present: string;
    late: string;
    excused: string;
    absent: string;
    rate: string;
    below: string;
    yes: string;
    no: string;
    unit: string;
  };
  sheetName: { attendance: string; report: string };
};

export const exportLabels: Record<Locale, Labels> = {
  en: {
    separator: ",",
    status: { present: "present", late: "late", excused: "excused", absent: "absent" },
    method: { qr: "QR code", code: "typed code", teacher: "added by a teacher" },
    sheet: {
      number: "Student number",
      name: "Name",
      status: "Status",
      time: (zone) => `Checked in at (${zone})`,
      method: "How",
      note: "Note",
      receipt: "Receipt",
      flags: "Presence flags",
      review: "To review",
      correctedFrom: "Corrected from",
      unit: "Course unit",
      unitName: "Course unit name",
      summary: "Lesson summary",
      sheet: "Sheet",
      openedAt: (zone) => `Sheet opened at (${zone})`,
    },
    report: {
      number: "Student number",
      name: "Name",
      group: "Group",
      present: "Present",
      late: "Late",
      excused: "Excused",
      absent: "Absent",
      rate: "Attendance rate (%)",
      below: "Below minimum",
      yes: "yes",
      no: "no",
      unit: "Course unit",
    },
    sheetName: { attendance: "Attendance", report: "Term report" },
  },
  pt: {
    separator: ";",
    status: { present: "presente", late: "atrasado", excused: "justificado", absent: "falta" },
    method: { qr: "código QR", code: "código escrito", teacher: "adicionado por docente" },
    sheet: {
      number: "Número de estudante",
      name: "Nome",
      status: "Estado",
      time: (zone) => `Hora de registo (${zone})`,
      method: "Como",
      note: "Nota",
      receipt: "Recibo",
      flags: "Sinais de presença",
      review: "A rever",
      correctedFrom: "Corrigido de",
      unit: "Unidade curricular",
      unitName: "Nome da unidade curricular",
      summary: "Sumário",
      sheet: "Folha",
      openedAt: (zone) => `Folha aberta em (${zone})`,
    },
    report: {
      number: "Número de estudante",
      name: "Nome",
      group: "Turma",
      present: "Presenças",
      late: "Atrasos",
      excused: "Justificadas",
      absent: "Faltas",
      rate: "Taxa de presença (%)",
      below: "Abaixo do mínimo",
      yes: "sim",
      no: "não",
      unit: "Unidade curricular",
    },
    sheetName: { attendance: "Presenças", report: "Relatório do semestre" },
  },
};
