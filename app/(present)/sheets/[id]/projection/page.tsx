import type { Metadata } from "next";
import { requireTeacher } from "@/server/auth/session";
import { config } from "@/server/config";
import { getMessages } from "@/server/i18n";
import { ownedSheetVersion } from "@/server/live/changes";
import { ownSheet } from "@/server/pages/own-sheet";
import { Projection } from "./projection";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).t.projection.title };
}

export default async function ProjectionPage({ params }: Params) {
  const { id } = await params;
  const teacher = await requireTeacher(`/sheets/${id}/projection`);
  const [sheet, { t }] = await Promise.all([ownSheet(teacher.id, id), getMessages()]);
  const version = await ownedSheetVersion(teacher.id, id);
  return (
    <Projection
      sheet={{ id: sheet.id, code: sheet.code, summary: sheet.summary, courseUnit: sheet.courseUnit }}
      live={{ items: [], seq: version.seq, status: version.status, count: version.count }}
      host={new URL(config().PUBLIC_ORIGIN).host}
      t={t.projection}
    />
  );
}
