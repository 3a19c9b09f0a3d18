"use client";
/** The steps of the check-in page, each a small view of one phase of useCheckin. */
import type { FormEvent, RefObject } from "react";
import { Field } from "@/components/field";
import { DIGITS_INPUT_MAX, PERSON_NAME_MAX, STUDENT_NUMBER_MAX } from "@/lib/validations/limits";
import type { Messages } from "@/lib/i18n/messages";
import type { ReceiptEntry } from "./receipt";

type T = Messages["checkin"];
type Fields = Messages["fields"];

/** Number and name; posts without JavaScript, registers through the API with it. Also the one correction. */
export function StudentForm(props: {
  code: string;
  ticket: string | null;
  correcting: ReceiptEntry | null;
  submitting: boolean;
  formRef: RefObject<HTMLFormElement | null>;
  onSubmit: (event: FormEvent<HTMLFormElement>) => Promise<void>;
  t: T;
  fields: Fields;
}) {
  const { code, ticket, correcting, submitting, formRef, onSubmit, t, fields } = props;
  return (
    <form
      ref={formRef}
      method="post"
      action={`/c/${code}/register`}
      onSubmit={(event) => void onSubmit(event)}
      className="card grid gap-4"
      noValidate
    >
      {correcting ? <p className="text-sm text-slate-700">{t.correctHint}</p> : null}
      <input type="hidden" name="ticket" value={ticket ?? ""} />
      <Field
        id="studentNumber"
        label={fields.studentNumber}
        hint={t.numberHint}
        name="studentNumber"
        inputClassName="font-mono text-lg uppercase"
        autoCapitalize="characters"
        autoComplete="off"
        spellCheck={false}
        maxLength={STUDENT_NUMBER_MAX}
        required
        defaultValue={correcting?.studentNumber}
      />
      <Field
        id="name"
        label={fields.studentName}
        hint={t.remembered}
        name="name"
        inputClassName="text-lg"
        autoComplete="name"
        maxLength={PERSON_NAME_MAX}
        required
        defaultValue={correcting?.name}
      />
      <button type="submit" className="btn-primary min-h-14 text-lg" disabled={submitting}>
        {submitting ? t.submitting : correcting ? t.correctButton : t.submit}
      </button>
    </form>
  );
}

/** The digits under the projected QR, typed instead of scanning; a retry when the exchange failed offline. */
export function DigitsStep(props: {
  code: string;
  canRetry: boolean;
  onRetry: () => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  t: T;
  fields: Fields;
}) {
  const { code, canRetry, onRetry, onSubmit, t, fields } = props;
  return (
    <>
      {canRetry ? (
        <button type="button" className="btn-secondary justify-self-start" onClick={onRetry}>
          {t.tryAgain}
        </button>
      ) : null}
      <form method="get" action={`/c/${code}`} onSubmit={onSubmit} className="card grid gap-3" noValidate>
        <Field
          id="digits"
          label={fields.digits}
          hint={t.typeDigits}
          name="d"
          inputClassName="font-mono text-2xl tracking-[0.3em]"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={DIGITS_INPUT_MAX}
          required
        />
        <button type="submit" className="btn-primary">
          {t.digitsButton}
        </button>
      </form>
      <p>
        <a href="/scan" className="link">
          {t.scanAgain}
        </a>
      </p>
    </>
  );
}

/** A check-in kept on the phone until the connection returns. */
export function PendingNotice({ student, onRetry, t }: { student: { studentNumber: string; name: string }; onRetry: () => void; t: T }) {
  return (
    <div role="status" className="alert-warn grid gap-3">
      <p>{t.pendingBody}</p>
      <p>
        <span className="font-mono font-semibold">{student.studentNumber}</span> · {student.name}
      </p>
      <button type="button" className="btn-secondary justify-self-start" onClick={onRetry}>
        {t.pendingRetry}
      </button>
    </div>
  );
}
