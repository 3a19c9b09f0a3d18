"use client";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { ApiProblem, OfflineError, apiFetch } from "@/lib/client/api";
import {
  deviceId,
  pendingFor,
  rememberStudent,
  rememberedStudent,
  setPending,
  storeTicket,
  storedTicket,
  type PendingCheckin,
} from "@/lib/client/student-device";
import type { Locale } from "@/lib/i18n/locales";
import { format, intlLocale, type Messages } from "@/lib/i18n/messages";
import { Field } from "@/components/field";

type Sheet = {
  code: string;
  summary: string;
  status: "open" | "closed";
  teacherName: string;
  courseUnit: { code: string; name: string };
};

type Props = {
  sheet: Sheet;
  token?: string;
  digits?: string;
  locale: Locale;
  t: Messages["checkin"];
  fields: Messages["fields"];
  common: Messages["common"];
  closedText: { title: string; detail: string };
};

type Registered = { studentNumber: string; name: string; createdAt: string };
type Phase = "exchanging" | "digits" | "form" | "submitting" | "pending" | "done" | "refused";
/** What went wrong, and the way forward it offers. */
type Trouble = { text: string; next: "digits" | "retry-exchange" | "none" };

const RETRY_PENDING_MS = 5000;

/** The server's own words (already in the page's language), which end with what to do next. */
const describe = (err: unknown, common: Messages["common"]): string =>
  err instanceof ApiProblem ? (err.detail ? `${err.title}. ${err.detail}` : err.title) : common.unexpected;

/**
 * The student's check-in: exchange the scanned token (or typed digits) for a ticket at once, take
 * number and name, register. Without a connection the check-in waits on the phone and is re-sent until
 * it gets an answer; the server answers a repeat with the same entry, so re-sending never duplicates.
 */
export function Checkin({ sheet, token, digits, locale, t, fields, common, closedText }: Props) {
  const [phase, setPhase] = useState<Phase>(sheet.status === "closed" ? "refused" : "exchanging");
  const [trouble, setTrouble] = useState<Trouble | null>(
    sheet.status === "closed" ? { text: `${closedText.title}. ${closedText.detail}`, next: "none" } : null,
  );
  const [ticket, setTicket] = useState<string | null>(null);
  const [result, setResult] = useState<{ entry: Registered; created: boolean } | null>(null);
  const [student, setStudent] = useState({ studentNumber: "", name: "" });
  const heading = useRef<HTMLHeadingElement>(null);
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
        setPhase("form");
      } catch (err) {
        if (err instanceof OfflineError) {
          setTrouble({ text: t.offlineExchange, next: "retry-exchange" });
          setPhase("digits");
        } else if (err instanceof ApiProblem && err.code === "SHEET_CLOSED") {
          setTrouble({ text: describe(err, common), next: "none" });
          setPhase("refused");
        } else {
          setTrouble({ text: describe(err, common), next: "digits" });
          setPhase("digits");
        }
      }
    },
    [sheet.code, t, common],
  );

  const send = useCallback(
    async (checkin: PendingCheckin) => {
      try {
        const response = await apiFetch(`/api/checkin/${sheet.code}`, {
          method: "POST",
          body: { ticket: checkin.ticket, studentNumber: checkin.studentNumber, name: checkin.name, deviceId: checkin.deviceId },
        });
        setPending(sheet.code, null);
        storeTicket(sheet.code, null);
        setResult({ entry: (await response.json()) as Registered, created: response.status === 201 });
        setTrouble(null);
        setPhase("done");
      } catch (err) {
        const transient = err instanceof OfflineError || (err instanceof ApiProblem && err.status >= 500);
        if (transient) {
          setPending(sheet.code, checkin);
          setPhase("pending");
          return;
        }
        setPending(sheet.code, null);
        if (err instanceof ApiProblem && err.code === "VALIDATION_FAILED") {
          const labels: Record<string, string> = { studentNumber: fields.studentNumber, name: fields.studentName };
          const names = [...new Set(err.errors.map((e) => labels[e.field] ?? e.field))];
          setTrouble({ text: format(common.checkFields, { fields: names.join(", ") }), next: "none" });
          setPhase("form");
        } else if (err instanceof ApiProblem && (err.code === "TICKET_EXPIRED" || err.code === "TICKET_INVALID")) {
          storeTicket(sheet.code, null);
          setTicket(null);
          setTrouble({ text: describe(err, common), next: "digits" });
          setPhase("digits");
        } else {
          setTrouble({ text: describe(err, common), next: "none" });
          setPhase("refused");
        }
      }
    },
    [sheet.code, fields, common],
  );

  // First visit: use what the URL brought, once, and take it out of the address bar (a reload or a
  // shared link must not reuse it); else a ticket this tab already holds; else ask for the digits.
  useEffect(() => {
    if (sheet.status === "closed") return;
    setStudent(rememberedStudent() ?? { studentNumber: "", name: "" });
    const waiting = pendingFor(sheet.code);
    if (waiting) {
      setPhase("pending");
      void send(waiting);
      return;
    }
    if (token || digits) {
      window.history.replaceState(null, "", `/c/${sheet.code}`);
      void exchange(token ? { token } : { digits });
      return;
    }
    const kept = storedTicket(sheet.code);
    if (kept) {
      setTicket(kept.ticket);
      setPhase("form");
    } else setPhase("digits");
  }, [sheet.code, sheet.status, token, digits, exchange, send]);

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
    const missing = [
      student.studentNumber.trim() ? null : fields.studentNumber,
      student.name.trim().length >= 2 ? null : fields.studentName,
    ].filter((x): x is string => x !== null);
    if (missing.length) {
      setTrouble({ text: format(common.checkFields, { fields: missing.join(", ") }), next: "none" });
      return;
    }
    rememberStudent(student);
    const checkin: PendingCheckin = { ...student, code: sheet.code, ticket, deviceId: deviceId() };
    setTrouble(null);
    if (!navigator.onLine) {
      setPending(sheet.code, checkin);
      setPhase("pending");
      return;
    }
    setPhase("submitting");
    await send(checkin);
  }

  function submitDigits(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const typed = String(new FormData(event.currentTarget).get("digits") ?? "").replace(/\D/g, "");
    void exchange({ digits: typed });
  }

  const unit = `${sheet.courseUnit.code} · ${sheet.courseUnit.name}`;

  if (phase === "done" && result) {
    const time = new Intl.DateTimeFormat(intlLocale(locale), { timeStyle: "short" }).format(new Date(result.entry.createdAt));
    return (
      <section className="grid justify-items-center gap-3 rounded-2xl border-4 border-brand-700 bg-brand-50 p-6 text-center" aria-labelledby="result">
        <svg aria-hidden="true" viewBox="0 0 48 48" className="h-20 w-20 text-brand-700">
          <circle cx="24" cy="24" r="22" fill="currentColor" />
          <path d="M14 25l7 7 13-15" fill="none" stroke="white" strokeWidth="5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <h1 id="result" ref={heading} tabIndex={-1} className="text-3xl font-bold text-brand-900">
          {result.created ? t.successTitle : t.alreadyTitle}
        </h1>
        <p className="text-lg">{unit}</p>
        <p className="text-2xl font-bold">
          <span className="font-mono">{result.entry.studentNumber}</span>
        </p>
        <p className="text-lg">
          {result.entry.name} · {format(t.successAt, { time })}
        </p>
      </section>
    );
  }

  return (
    <div className="grid gap-4">
      <div>
        <h1 ref={heading} tabIndex={-1} className="text-2xl font-bold">
          {phase === "pending" ? t.pendingTitle : t.title}
        </h1>
        <p className="mt-1 text-lg font-semibold">{unit}</p>
        {sheet.summary ? <p className="text-slate-700">{sheet.summary}</p> : null}
        <p className="text-sm text-slate-600">{format(t.by, { teacher: sheet.teacherName })}</p>
      </div>

      <div role="alert" aria-live="assertive">
        {trouble ? <p className="alert-error">{trouble.text}</p> : null}
      </div>

      {phase === "exchanging" ? (
        <p role="status" className="alert-info">
          {t.exchanging}
        </p>
      ) : null}

      {phase === "pending" ? (
        <div role="status" className="alert-warn grid gap-3">
          <p>{t.pendingBody}</p>
          <p>
            <span className="font-mono font-semibold">{student.studentNumber}</span> · {student.name}
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
          {trouble?.next === "retry-exchange" && presented.current ? (
            <button type="button" className="btn-secondary justify-self-start" onClick={() => presented.current && void exchange(presented.current)}>
              {t.tryAgain}
            </button>
          ) : null}
          <form onSubmit={submitDigits} className="card grid gap-3" noValidate>
            <Field
              id="digits"
              label={fields.digits}
              hint={t.typeDigits}
              name="digits"
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

      {phase === "form" || phase === "submitting" ? (
        <form onSubmit={submit} className="card grid gap-4" noValidate>
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
            value={student.studentNumber}
            onChange={(e) => setStudent((s) => ({ ...s, studentNumber: e.target.value }))}
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
            value={student.name}
            onChange={(e) => setStudent((s) => ({ ...s, name: e.target.value }))}
          />
          <button type="submit" className="btn-primary min-h-14 text-lg" disabled={phase === "submitting"}>
            {phase === "submitting" ? t.submitting : t.submit}
          </button>
        </form>
      ) : null}
    </div>
  );
}
