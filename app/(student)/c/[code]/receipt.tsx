import type { Ref } from "react";
import { LocalTime } from "@/components/local-time";
import type { Locale } from "@/lib/i18n/locales";
import { format, intlLocale, type Messages } from "@/lib/i18n/messages";

export type ReceiptEntry = { studentNumber: string; name: string; createdAt: string; receipt: string; correctedFrom: string | null };

/** The confirmation a student can show: course unit, time, number, name and the receipt code the teacher's list repeats. */
export function Receipt({
  entry,
  created,
  unit,
  locale,
  t,
  headingRef,
}: {
  entry: ReceiptEntry;
  created: boolean;
  unit: string;
  locale: Locale;
  t: Messages["checkin"];
  headingRef: Ref<HTMLHeadingElement>;
}) {
  return (
    <section
      className="grid justify-items-center gap-3 rounded-2xl border-4 border-brand-700 bg-brand-50 p-6 text-center"
      aria-labelledby="result"
    >
      <svg aria-hidden="true" viewBox="0 0 48 48" className="h-20 w-20 text-brand-700">
        <circle cx="24" cy="24" r="22" fill="currentColor" />
        <path d="M14 25l7 7 13-15" fill="none" stroke="white" strokeWidth="5" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <h1 id="result" ref={headingRef} tabIndex={-1} className="text-3xl font-bold text-brand-900">
        {created ? t.successTitle : t.alreadyTitle}
      </h1>
      <p className="text-lg">{unit}</p>
      <p className="text-2xl font-bold">
        <span className="font-mono">{entry.studentNumber}</span>
      </p>
      <p className="text-lg">
        {entry.name} · {t.successAt.replace("{time}", "")}
        <LocalTime iso={entry.createdAt} locale={intlLocale(locale)} />
      </p>
      {entry.correctedFrom ? <p className="text-sm">{format(t.correctedFrom, { was: entry.correctedFrom })}</p> : null}
      <p className="text-lg">
        {t.receipt}:{" "}
        <span className="font-mono text-2xl font-bold tracking-widest" data-testid="receipt">
          {entry.receipt}
        </span>
      </p>
      <p className="text-sm text-slate-700">{t.receiptHint}</p>
    </section>
  );
}
