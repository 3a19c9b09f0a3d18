"use client";
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import { DigitsStep, PendingNotice, StudentForm } from "./checkin-steps";
import { Receipt } from "./receipt";
import { useCheckin, type Arrival } from "./use-checkin";

type Props = Arrival & {
  locale: Locale;
  t: Messages["checkin"];
  fields: Messages["fields"];
  common: Messages["common"];
};

/**
 * The student's check-in. The server has usually exchanged the scanned code already and rendered the
 * form, which posts without JavaScript; with scripts it registers through the API instead, keeps a
 * check-in made offline on the phone and re-sends it until it gets an answer (the server answers a
 * repeat with the same entry, so re-sending never duplicates). A scanned code the server could not
 * exchange, and the in-app scanner's, are exchanged here (use-checkin.ts).
 */
export function Checkin(props: Props) {
  const { sheet, locale, t, fields, common } = props;
  const { phase, trouble, ticket, result, pendingStudent, heading, form, submit, submitDigits, retryExchange, retryPending } = useCheckin(
    props,
    {
      t,
      fields,
      common,
    },
  );
  const unit = `${sheet.courseUnit.code} · ${sheet.courseUnit.name}`;
  const alert = (
    <div role="alert" aria-live="assertive">
      {trouble ? <p className="alert-error">{trouble.text}</p> : null}
    </div>
  );
  const studentForm = (correcting: typeof result) => (
    <StudentForm
      code={sheet.code}
      ticket={ticket}
      correcting={correcting}
      submitting={phase === "submitting"}
      formRef={form}
      onSubmit={submit}
      t={t}
      fields={fields}
    />
  );

  if (phase === "done" && result) {
    return (
      <div className="grid gap-4">
        <Receipt entry={result} created={result.created} unit={unit} locale={locale} t={t} headingRef={heading} />
        {alert}
        {result.canCorrect && ticket ? (
          <details className="card" open={props.receipt !== undefined}>
            <summary className="cursor-pointer font-semibold">{t.correctTitle}</summary>
            <div className="mt-3">{studentForm(result)}</div>
          </details>
        ) : null}
        {result.canCorrect && !ticket ? <p className="text-sm text-slate-700">{t.correctScan}</p> : null}
      </div>
    );
  }

  return (
    <div className="grid gap-4">
      <div>
        <h1 ref={heading} tabIndex={-1} className="text-2xl font-bold">
          {phase === "pending" ? t.pendingTitle : t.title}
        </h1>
        <p className="mt-1 text-lg font-semibold">{unit}</p>
      </div>
      {alert}
      {phase === "exchanging" ? (
        <p role="status" className="alert-info">
          {t.exchanging}
        </p>
      ) : null}
      {phase === "pending" && pendingStudent ? <PendingNotice student={pendingStudent} onRetry={retryPending} t={t} /> : null}
      {phase === "digits" ? (
        <DigitsStep
          code={sheet.code}
          canRetry={trouble?.next === "retry-exchange"}
          onRetry={retryExchange}
          onSubmit={submitDigits}
          t={t}
          fields={fields}
        />
      ) : null}
      {phase === "form" || phase === "submitting" ? studentForm(null) : null}
    </div>
  );
}
