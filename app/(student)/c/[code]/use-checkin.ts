"use client";
/**
 * The student's check-in as a state machine: exchanging a scanned code or typed digits for a ticket,
 * the form, sending (and keeping a check-in made offline until it gets an answer), the receipt, or a
 * refusal. The views (checkin.tsx and its steps) only show the phase this hook is in.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { ApiProblem, OfflineError, apiFetch } from "@/lib/client/api";
import { problemMessage } from "@/lib/client/problem-message";
import {
  pendingFor,
  rememberStudent,
  rememberedStudent,
  setPending,
  storeTicket,
  storedTicket,
  type PendingCheckin,
} from "@/lib/client/student-device";
import { format, type Messages } from "@/lib/i18n/messages";
import type { ProblemCode } from "@/server/errors";
import type { ReceiptEntry } from "./receipt";

/** What a student is shown of a sheet (server/sheets.ts describeSheet): not its teacher nor its summary. */
export type Sheet = {
  code: string;
  status: "open" | "closed";
  courseUnit: { code: string; name: string };
};

export type Texts = { title: string; detail: string };

/** What the server worked out while rendering the page. */
export type Arrival = {
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
  closedText: Texts;
};

export type Phase = "exchanging" | "digits" | "form" | "submitting" | "pending" | "done" | "refused";
/** What went wrong, and the way forward it offers. */
export type Trouble = { text: string; next: "digits" | "retry-exchange" | "none" };
export type Result = ReceiptEntry & { canCorrect: boolean; created: boolean };
type Student = { studentNumber: string; name: string };

const RETRY_PENDING_MS = 5000;
const text = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");
const joined = (p: Texts) => (p.detail ? `${p.title}. ${p.detail}` : p.title);

function initialPhase({ sheet, token, digits, ticket, problem, problemCode, receipt }: Arrival): Phase {
  if (sheet.status === "closed" || problemCode === "SHEET_CLOSED") return "refused";
  if (receipt) return "done";
  if (ticket) return "form";
  if (problem)
    return problemCode === "DIGITS_INVALID" || problemCode?.startsWith("QR_") || problemCode?.startsWith("TICKET_") ? "digits" : "refused";
  return token || digits ? "exchanging" : "digits";
}

export function useCheckin(arrival: Arrival, texts: { t: Messages["checkin"]; fields: Messages["fields"]; common: Messages["common"] }) {
  const { sheet, token, digits } = arrival;
  const { t, fields, common } = texts;
  const [phase, setPhase] = useState<Phase>(() => initialPhase(arrival));
  const [trouble, setTrouble] = useState<Trouble | null>(() =>
    sheet.status === "closed"
      ? { text: joined(arrival.closedText), next: "none" }
      : arrival.problem
        ? { text: joined(arrival.problem), next: "digits" }
        : null,
  );
  const [ticket, setTicket] = useState<string | null>(arrival.ticket?.ticket ?? null);
  const [result, setResult] = useState<Result | null>(arrival.receipt ? { ...arrival.receipt, created: false } : null);
  const [pendingStudent, setPendingStudent] = useState<Student | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const presented = useRef<{ token?: string; digits?: string } | null>(null);
  const labels = { studentNumber: fields.studentNumber, name: fields.studentName };

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
          setTrouble({ text: problemMessage(err, common), next: "none" });
          setPhase("refused");
        } else {
          setTrouble({ text: problemMessage(err, common), next: "digits" });
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
        const said = problemMessage(err, common, { studentNumber: fields.studentNumber, name: fields.studentName });
        if (err instanceof ApiProblem && err.code === "VALIDATION_FAILED") {
          setTrouble({ text: said, next: "none" });
          setPhase(result ? "done" : "form");
        } else if (err instanceof ApiProblem && err.code.startsWith("TICKET_")) {
          storeTicket(sheet.code, null);
          setTicket(null);
          setTrouble({ text: said, next: "digits" });
          setPhase("digits");
        } else if (result) {
          setTrouble({ text: said, next: "none" });
          setResult({ ...result, canCorrect: false });
          setPhase("done");
        } else {
          setTrouble({ text: said, next: "none" });
          setPhase("refused");
        }
      }
    },
    [sheet.code, fields, common, result],
  );

  const retryPending = useCallback(() => {
    const waiting = pendingFor(sheet.code);
    if (waiting) void send(waiting);
  }, [sheet.code, send]);

  // First visit: a check-in waiting for a connection goes first; then what the URL brought and the server
  // could not exchange (taken out of the address bar: a reload or a shared link must not reuse it); else a
  // ticket this tab already holds. The server's ticket leaves the address bar too.
  const arrived = useRef(false);
  useEffect(() => {
    // Only on arrival: later changes of what it reads are the page's own doing.
    if (arrived.current || sheet.status === "closed") return;
    arrived.current = true;
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
    if (arrival.ticket) {
      if (arrival.ticket.expiresAt) storeTicket(sheet.code, arrival.ticket);
      return;
    }
    if (token || digits) {
      void exchange(token ? { token } : { digits });
      return;
    }
    if (arrival.problem || arrival.receipt) return;
    const kept = storedTicket(sheet.code);
    if (kept) {
      setTicket(kept.ticket);
      setPhase("form");
    }
  }, [arrival.problem, arrival.receipt, arrival.ticket, digits, exchange, send, sheet.code, sheet.status, token]);

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
    const timer = setInterval(retryPending, RETRY_PENDING_MS);
    window.addEventListener("online", retryPending);
    return () => {
      clearInterval(timer);
      window.removeEventListener("online", retryPending);
    };
  }, [phase, retryPending]);

  useEffect(() => {
    if (phase === "done" || phase === "pending" || phase === "refused") heading.current?.focus();
  }, [phase]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!ticket) return;
    const data = new FormData(event.currentTarget);
    const student = { studentNumber: text(data.get("studentNumber")), name: text(data.get("name")) };
    const missing = [
      student.studentNumber.trim() ? null : labels.studentNumber,
      student.name.trim().length >= 2 ? null : labels.name,
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

  const retryExchange = () => {
    if (presented.current) void exchange(presented.current);
  };

  return { phase, trouble, ticket, result, pendingStudent, heading, form, submit, submitDigits, retryExchange, retryPending };
}
