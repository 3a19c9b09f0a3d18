import type { Metadata } from "next";
import Link from "next/link";
import { CodeForm } from "@/components/code-form";
import { problemText } from "@/lib/i18n/problems";
import { sheetCodeSchema } from "@/lib/validations/checkin";
import { describeSheet } from "@/server/sheets";
import { AppError } from "@/server/errors";
import { getMessages } from "@/server/i18n";
import { Checkin } from "./checkin";

type Props = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).t.checkin.title };
}

async function findSheet(raw: string) {
  const code = sheetCodeSchema.safeParse(raw);
  if (!code.success) return null;
  try {
    return await describeSheet(code.data);
  } catch (err) {
    if (err instanceof AppError && err.code === "SHEET_NOT_FOUND") return null;
    throw err;
  }
}

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function CheckinPage({ params, searchParams }: Props) {
  const [{ code }, query, { locale, t }] = await Promise.all([params, searchParams, getMessages()]);
  const sheet = await findSheet(code);
  if (!sheet) {
    const text = problemText("SHEET_NOT_FOUND", locale);
    return (
      <div className="grid gap-4">
        <h1 className="text-2xl font-bold">{t.checkin.notFoundTitle}</h1>
        <p className="alert-error" role="alert">
          {text.detail}
        </p>
        <CodeForm t={t.home} fields={t.fields} typed={{ code, digits: one(query.d), codeError: text.title }} />
        <p>
          <Link href="/scan" className="link">
            {t.checkin.scanAgain}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <Checkin
      sheet={{ code: sheet.code, summary: sheet.summary, status: sheet.status, teacherName: sheet.teacherName, courseUnit: sheet.courseUnit }}
      token={one(query.t)}
      digits={one(query.d)}
      locale={locale}
      t={t.checkin}
      fields={t.fields}
      common={t.common}
      closedText={problemText("SHEET_CLOSED", locale)}
    />
  );
}
