import type { Metadata } from "next";
import { listAttendances } from "@/server/attendances";
import { requireTeacher } from "@/server/auth/session";
import { getMessages } from "@/server/i18n";
import { ownedSheetVersion } from "@/server/live/changes";
import { ownSheet } from "@/server/pages/own-sheet";
import { SheetLive } from "./sheet-live";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const teacher = await requireTeacher(`/sheets/${id}`);
  const sheet = await ownSheet(teacher.id, id);
  return { title: `${sheet.courseUnit.code} · ${sheet.code}` };
}

export default async function SheetPage({ params }: Params) {
  const { id } = await params;
  const teacher = await requireTeacher(`/sheets/${id}`);
  const sheet = await ownSheet(teacher.id, id);
  // The version first: the list read after it may be newer, and the stream's replay of changes the list
  // already shows changes nothing.
  const version = await ownedSheetVersion(teacher.id, id);
  const [{ locale, t }, list] = await Promise.all([getMessages(), listAttendances(teacher.id, id, { limit: 1000, includeRemoved: false })]);
  return (
    <SheetLive
      sheet={{
        id: sheet.id,
        code: sheet.code,
        status: sheet.status,
        summary: sheet.summary,
        createdAt: sheet.createdAt.toISOString(),
        courseUnit: { id: sheet.courseUnit.id, code: sheet.courseUnit.code, name: sheet.courseUnit.name },
      }}
      initial={{
        items: list.items.map((a) => ({ ...a, createdAt: a.createdAt.toISOString(), removedAt: null })),
        seq: version.seq,
        status: version.status,
        count: version.count,
      }}
      locale={locale}
      t={t.sheet}
      common={t.common}
      fields={t.fields}
      presence={t.presence}
      rosterPanel={t.rosterPanel}
    />
  );
}
