"use client";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { ApiProblem, OfflineError, apiFetch } from "@/lib/client/api";
import { pendingFor, rememberStudent, rememberedStudent, setPending, storeTicket, storedTicket, type PendingCheckin } from "@/lib/client/student-device";
import type { Locale } from "@/lib/i18n/locales";
import { format, type Messages } from "@/lib/i18n/messages";
import type { ProblemCode } from "@/server/errors";
import { Field } from "@/components/field";
import { Receipt, type ReceiptEntry } from "./receipt";

/** What a student is shown of a sheet (server/sheets.ts describeSheet): not its teacher nor its summary. */
type Sheet = {
  code: string;
  status: "open" | "closed";
  courseUnit: { code: string; name: string };
};

type Texts = { title: string; detail: string };

type Props = {
  sheet: Sheet;
  /** A scanned token or typed digits the server could not exchange itself (the client does it). */
  token?: string;
  digits?: string;
  /** The ticket the server exchanged while rendering the page. */
  ticket?: { ticket: string; expiresAt: string };
  /** Why the server refused the code or a form post, in the page's language. */
  problem?: Texts;
  problemCode?: ProblemCode;
  /** This browser's own entry on the sheet, shown again as the receipt. */
  receipt?: ReceiptEntry & { canCorrect: boolean };
  locale: Locale;
  t: Messages["checkin"];
  fields: Messages["fields"];
  common: Messages["common"];
  closedText: Texts;
};

type Phase = "exchanging" | "digits" | "form" | "submitting" | "pending" | "done" | "refused";
/** What went wrong, and the way forward it offers. */
type Trouble = { text: string; next: "digits" | "retry-exchange" | "none" };

const RETRY_PENDING_MS = 5000;
const text = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");
const joined = (p: Texts) => (p.detail ? `${p.title}. ${p.detail}` : p.title);

/** The server's own words (already in the page's language), which end with what to do next. */
const describe = (err: unknown, common: Messages["common"]): string =>
  err instanceof ApiProblem ? joined({ title: err.title, detail: err.detail }) : common.unexpected;

function initialPhase({ sheet, token, digits, ticket, problem, problemCode, receipt }: Props): Phase {
  if (sheet.status === "closed" || problemCode === "SHEET_CLOSED") return "refused";
  if (receipt) return "done";
  if (ticket) return "form";
  if (problem) return problemCode === "DIGITS_INVALID" || problemCode?.startsWith("QR_") || problemCode?.startsWith("TICKET_") ? "digits" : "refused";
  return token || digits ? "exchanging" : "digits";
}

/**
 * The student's check-in. The server has usually exchanged the scanned code already and rendered the
 * form, which posts without JavaScript; with scripts it registers through the API instead, keeps a
 * check-in made offline on the phone and re-sends it until it gets an answer (the server answers a
 * repeat with the same entry, so re-sending never duplicates). A scanned code the server could not
 * exchange, and the in-app scanner's, are exchanged here.
 */
export function Checkin(props: Props) {
  const { sheet, token, digits, locale, t, fields, common, closedText } = props;
  const [phase, setPhase] = useState<Phase>(() => initialPhase(props));
  const [trouble, setTrouble] = useState<Trouble | null>(() =>
    sheet.status === "closed"
      ? { text: joined(closedText), next: "none" }
      : props.problem
        ? { text: joined(props.problem), next: "digits" }
        : null,
  );
  const [ticket, setTicket] = useState<string | null>(props.ticket?.ticket ?? null);
  const [result, setResult] = useState<(ReceiptEntry & { canCorrect: boolean; created: boolean }) | null>(
    props.receipt ? { ...props.receipt, created: false } : null,
  );
  const [pendingStudent, setPendingStudent] = useState<{ studentNumber: string; name: string } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const presented = useRef<{ token?: string; digits?: string } | null>(null);

  const exchange = useCallback(
    async (body: { token?: string; digits?: string }) => {
      setPhase("exchanging");
      setTrouble(null);
      presented.current = body;
      try {
        const response = await apiFetch(`/api/checkin/${sheet.code}/tickets`, { method: "POST", body });
        const issued = (await response.json()) as { ticket: string; expiresAt: string };
        storeTicket(sheet.code, issued);
        setTicket(issued.ticket);
        setPhase(result ? "done" : "form");
      } catch (err) {
        if (err instanceof OfflineError) {
          setTrouble({ text: t.offlineExchange, next: "retry-exchange" });
          setPhase("digits");
        } else if (err instanceof ApiProblem && (err.code === "SHEET_CLOSED" || err.code === "OUTSIDE_CLASSROOM")) {
          setTrouble({ text: describe(err, common), next: "none" });
          setPhase("refused");
        } else {
          setTrouble({ text: describe(err, common), next: "digits" });
          setPhase("digits");
        }
      }
    },
    [sheet.code, t, common, result],
  );

  const send = useCallback(
    async (checkin: PendingCheckin) => {
      try {
        const response = await apiFetch(`/api/checkin/${sheet.code}`, {
          method: "POST",
          body: { ticket: checkin.ticket, studentNumber: checkin.studentNumber, name: checkin.name },
        });
        setPending(sheet.code, null);
        const entry = (await response.json()) as ReceiptEntry;
        // A first check-in may still be corrected once, with the same ticket, within its lifetime.
        setResult({ ...entry, created: response.status === 201, canCorrect: response.status === 201 });
        if (response.status !== 201) storeTicket(sheet.code, null);
        setTrouble(null);
        setPhase("done");
        window.history.replaceState(null, "", `/c/${sheet.code}`);
      } catch (err) {
        const transient = err instanceof OfflineError || (err instanceof ApiProblem && err.status >= 500);
        if (transient) {
          setPending(sheet.code, checkin);
          setPendingStudent(checkin);
          setPhase("pending");
          return;
        }
        setPending(sheet.code, null);
        if (err instanceof ApiProblem && err.code === "VALIDATION_FAILED") {
          const labels: Record<string, string> = { studentNumber: fields.studentNumber, name: fields.studentName };
          const names = [...new Set(err.errors.map((e) => labels[e.field] ?? e.field))];
          setTrouble({ text: format(common.checkFields, { fields: names.join(", ") }), next: "none" });
          setPhase(result ? "done" : "form");
        } else if (err instanceof ApiProblem && err.code.startsWith("TICKET_")) {
          storeTicket(sheet.code, null);
          setTicket(null);
          setTrouble({ text: describe(err, common), next: "digits" });
          setPhase("digits");
        } else if (result) {
          setTrouble({ text: describe(err, common), next: "none" });
          setResult({ ...result, canCorrect: false });
          setPhase("done");
        } else {
          setTrouble({ text: describe(err, common), next: "none" });
          setPhase("refused");
        }
      }
    },
    [sheet.code, fields, common, result],
  );

  // First visit: a check-in waiting for a connection goes first; then what the URL brought and the server
  // could not exchange (taken out of the address bar: a reload or a shared link must not reuse it); else a
  // ticket this tab already holds. The server's ticket leaves the address bar too.
  useEffect(() => {
    if (sheet.status === "closed") return;
    const waiting = pendingFor(sheet.code);
    if (waiting) {
      // The queue lives in the browser's storage, which the server render cannot see.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setPendingStudent(waiting);
      setPhase("pending");
      void send(waiting);
      return;
    }
    const url = new URL(window.location.href);
    if (url.search) window.history.replaceState(null, "", `/c/${sheet.code}`);
    if (props.ticket) {
      if (props.ticket.expiresAt) storeTicket(sheet.code, props.ticket);
      return;
    }
    if (token || digits) {
      void exchange(token ? { token } : { digits });
      return;
    }
    if (props.problem || props.receipt) return;
    const kept = storedTicket(sheet.code);
    if (kept) {
      setTicket(kept.ticket);
      setPhase("form");
    }
    // Only on arrival: later changes of these props are the page's own doing.
  }, []);

  // The remembered student fills the form's empty fields (the form also works before this runs).
  useEffect(() => {
    const remembered = rememberedStudent();
    const inputs = form.current?.elements;
    if (!remembered || !inputs || result) return;
    for (const name of ["studentNumber", "name"] as const) {
      const input = inputs.namedItem(name);
      if (input instanceof HTMLInputElement && !input.value) input.value = remembered[name];
    }
  }, [phase, result]);

  // A waiting check-in is re-sent when the connection returns, and every few seconds meanwhile.
  useEffect(() => {
    if (phase !== "pending") return;
    const retry = () => {
      const waiting = pendingFor(sheet.code);
      if (waiting) void send(waiting);
    };
    const timer = setInterval(retry, RETRY_PENDING_MS);
    window.addEventListener("online", retry);
    return () => {
      clearInterval(timer);
      window.removeEventListener("online", retry);
    };
  }, [phase, sheet.code, send]);

  useEffect(() => {
    if (phase === "done" || phase === "pending" || phase === "refused") heading.current?.focus();
  }, [phase]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!ticket) return;
    const data = new FormData(event.currentTarget);
    const student = { studentNumber: text(data.get("studentNumber")), name: text(data.get("name")) };
    const missing = [
      student.studentNumber.trim() ? null : fields.studentNumber,
      student.name.trim().length >= 2 ? null : fields.studentName,
    ].filter((x): x is string => x !== null);
    if (missing.length) {
      setTrouble({ text: format(common.checkFields, { fields: missing.join(", ") }), next: "none" });
      return;
    }
    rememberStudent(student);
    const checkin: PendingCheckin = { ...student, code: sheet.code, ticket };
    setTrouble(null);
    if (!navigator.onLine) {
      setPending(sheet.code, checkin);
      setPendingStudent(student);
      setPhase("pending");
      return;
    }
    setPhase("submitting");
    await send(checkin);
  }

  function submitDigits(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const typed = text(new FormData(event.currentTarget).get("d")).replace(/\D/g, "");
    void exchange({ digits: typed });
  }

  const unit = `${sheet.courseUnit.code} · ${sheet.courseUnit.name}`;
  const alert = (
    <div role="alert" aria-live="assertive">
      {trouble ? <p className="alert-error">{trouble.text}</p> : null}
    </div>
  );

  const studentForm = (correcting: ReceiptEntry | null) => (
    <form ref={form} method="post" action={`/c/${sheet.code}/register`} onSubmit={(event) => void submit(event)} className="card grid gap-4" noValidate>
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
        maxLength={64}
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
        maxLength={120}
        required
        defaultValue={correcting?.name}
      />
      <button type="submit" className="btn-primary min-h-14 text-lg" disabled={phase === "submitting"}>
        {phase === "submitting" ? t.submitting : correcting ? t.correctButton : t.submit}
      </button>
    </form>
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

      {phase === "pending" && pendingStudent ? (
        <div role="status" className="alert-warn grid gap-3">
          <p>{t.pendingBody}</p>
          <p>
            <span className="font-mono font-semibold">{pendingStudent.studentNumber}</span> · {pendingStudent.name}
          </p>
          <button
            type="button"
            className="btn-secondary justify-self-start"
            onClick={() => {
              const waiting = pendingFor(sheet.code);
              if (waiting) void send(waiting);
            }}
          >
            {t.pendingRetry}
          </button>
        </div>
      ) : null}

      {phase === "digits" ? (
        <>
          {/* A retry is offered only after an exchange of what was presented failed. */}
          {trouble?.next === "retry-exchange" ? (
            <button type="button" className="btn-secondary justify-self-start" onClick={() => presented.current && void exchange(presented.current)}>
              {t.tryAgain}
            </button>
          ) : null}
          <form method="get" action={`/c/${sheet.code}`} onSubmit={submitDigits} className="card grid gap-3" noValidate>
            <Field
              id="digits"
              label={fields.digits}
              hint={t.typeDigits}
              name="d"
              inputClassName="font-mono text-2xl tracking-[0.3em]"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={5}
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
      ) : null}

      {phase === "form" || phase === "submitting" ? studentForm(null) : null}
    </div>
  );
}
