"use client";
import Link from "next/link";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { LocalTime } from "@/components/local-time";
import { api, apiFetch } from "@/lib/client/api";
import { problemMessage } from "@/lib/client/problem-message";
import { useLiveSheet, type Attendance, type LiveSheet } from "@/lib/client/use-live-attendances";
import type { Locale } from "@/lib/i18n/locales";
import { format, intlLocale, type Messages } from "@/lib/i18n/messages";
import { Field } from "@/components/field";
import { EntryNotes, PresencePanel } from "./presence";
import { RosterPanel } from "./roster-panel";

type Sheet = {
  id: string;
  code: string;
  status: "open" | "closed";
  summary: string;
  createdAt: string;
  courseUnit: { id: string; code: string; name: string };
};

type Props = {
  sheet: Sheet;
  initial: LiveSheet;
  locale: Locale;
  t: Messages["sheet"];
  common: Messages["common"];
  fields: Messages["fields"];
  presence: Messages["presence"];
  rosterPanel: Messages["rosterPanel"];
};

export function SheetLive({ sheet: initialSheet, initial, locale, t, common, fields, presence, rosterPanel }: Props) {
  const { items, setItems, status, setStatus: showStatus, connected } = useLiveSheet(initialSheet.id, initial);
  // The status comes from the live stream: closed or reopened here or elsewhere (another device, the API).
  const sheet = { ...initialSheet, status };
  const [busy, setBusy] = useState<"status" | "add" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [undoable, setUndoable] = useState<Attendance | null>(null);
  const [arrivals, setArrivals] = useState("");
  const known = useRef(new Set(initial.items.map((a) => a.id)));
  const undoButton = useRef<HTMLButtonElement>(null);
  const dateLocale = intlLocale(locale);
  const base = `/api/sheets/${sheet.id}`;

  // Screen readers hear who arrived (or how many, in a burst), not every repaint of the list.
  useEffect(() => {
    const fresh = items.filter((a) => !known.current.has(a.id));
    for (const a of items) known.current.add(a.id);
    if (fresh.length === 0) return;
    setArrivals(
      fresh.length <= 3 ? fresh.map((a) => format(t.arrived, { name: a.name })).join(" ") : format(t.count, { count: items.length }),
    );
  }, [items, t]);

  useEffect(() => {
    if (undoable) undoButton.current?.focus();
  }, [undoable]);

  async function setStatus(status: "open" | "closed") {
    setBusy("status");
    setError(null);
    try {
      const updated = await api<{ status: "open" | "closed" }>(base, { method: "PATCH", body: { status } });
      showStatus(updated.status);
    } catch (err) {
      setError(problemMessage(err, common));
    }
    setBusy(null);
  }

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy("add");
    setError(null);
    try {
      const response = await fetchAdd(base, { studentNumber: formText(data, "studentNumber"), name: formText(data, "name") });
      setNotice(format(response.created ? t.added : t.alreadyThere, { name: response.attendance.name }));
      setUndoable(null);
      form.reset();
    } catch (err) {
      setError(problemMessage(err, common, { studentNumber: fields.studentNumber, name: fields.studentName }));
    }
    setBusy(null);
  }

  async function remove(entry: Attendance) {
    setError(null);
    try {
      await api(`${base}/attendances/${encodeURIComponent(entry.studentNumber)}`, { method: "DELETE" });
      setItems((list) => list.filter((a) => a.id !== entry.id));
      setNotice(format(t.removed, { name: entry.name }));
      setUndoable(entry);
    } catch (err) {
      setError(problemMessage(err, common));
    }
  }

  async function undo(entry: Attendance) {
    setError(null);
    try {
      await api(`${base}/attendances/${encodeURIComponent(entry.studentNumber)}/restore`, { method: "POST" });
      setUndoable(null);
      setNotice(format(t.restored, { name: entry.name }));
    } catch (err) {
      setError(problemMessage(err, common));
    }
  }

  const newestFirst = items.map((a, i) => ({ ...a, position: i + 1 })).reverse();
  const method = { qr: t.methodQr, code: t.methodCode, teacher: t.methodTeacher };

  return (
    <div className="grid gap-5">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">
            {sheet.courseUnit.code} · {sheet.courseUnit.name}
          </h1>
          {sheet.summary ? <p className="mt-1 text-slate-700">{sheet.summary}</p> : null}
          <p className="mt-1 text-sm text-slate-600">
            <LocalTime iso={sheet.createdAt} locale={dateLocale} dateStyle="medium" /> · {t.code}{" "}
            <span className="font-mono font-semibold text-slate-900">{sheet.code}</span> ·{" "}
            <span className="font-semibold">{sheet.status === "open" ? common.open : common.closed}</span>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {sheet.status === "open" ? (
            <Link href={`/sheets/${sheet.id}/projection`} className="btn-primary">
              {t.project}
            </Link>
          ) : null}
          <button
            type="button"
            className="btn-secondary"
            disabled={busy === "status"}
            onClick={() => void setStatus(sheet.status === "open" ? "closed" : "open")}
          >
            {sheet.status === "open" ? (busy === "status" ? t.closing : t.close) : busy === "status" ? t.reopening : t.reopen}
          </button>
          <a href={`${base}/attendances?format=csv&lang=${locale}`} className="btn-secondary" download>
            {t.download}
          </a>
          <a href={`${base}/attendances?format=xlsx&lang=${locale}`} className="btn-secondary" download>
            {rosterPanel.downloadXlsx}
          </a>
        </div>
      </header>

      {sheet.status === "closed" ? <p className="alert-info">{t.closedBanner}</p> : null}
      <div role="status" aria-live="polite">
        {!connected ? <p className="alert-warn">{t.lostConnection}</p> : null}
      </div>

      <section className="card" aria-labelledby="add-title">
        <h2 id="add-title" className="text-lg font-semibold">
          {t.addTitle}
        </h2>
        <form onSubmit={add} className="mt-3 grid gap-3 sm:grid-cols-[12rem_1fr_auto] sm:items-end">
          <Field
            id="add-number"
            label={fields.studentNumber}
            name="studentNumber"
            inputClassName="uppercase"
            required
            maxLength={64}
            autoComplete="off"
          />
          <Field id="add-name" label={fields.studentName} name="name" required maxLength={120} autoComplete="off" />
          <button type="submit" className="btn-primary" disabled={busy === "add"}>
            {busy === "add" ? t.adding : t.add}
          </button>
        </form>
      </section>

      <PresencePanel sheetId={sheet.id} items={items} locale={locale} t={presence} common={common} />

      <div role="status" aria-live="polite" className="grid gap-2">
        {notice ? (
          <p className="alert-success flex flex-wrap items-center justify-between gap-2">
            <span>{notice}</span>
            {undoable ? (
              <button ref={undoButton} type="button" className="btn-secondary btn-small" onClick={() => void undo(undoable)}>
                {t.undo}
              </button>
            ) : null}
          </p>
        ) : null}
      </div>
      <div role="alert">{error ? <p className="alert-error">{error}</p> : null}</div>

      <RosterPanel
        sheetId={sheet.id}
        courseUnitId={sheet.courseUnit.id}
        listVersion={items.map((a) => a.studentNumber).join(",")}
        t={rosterPanel}
        common={common}
      />

      <section aria-labelledby="list-title" className="grid gap-3">
        <h2 id="list-title" className="text-xl font-bold">
          {t.listTitle} <span className="font-normal text-slate-700">— {format(t.count, { count: items.length })}</span>
        </h2>
        <p className="sr-only" aria-live="polite">
          {arrivals}
        </p>
        {items.length === 0 ? (
          <p className="card text-slate-700">{t.empty}</p>
        ) : (
          <div className="relative overflow-x-auto rounded-xl border border-slate-300 bg-white" tabIndex={0} aria-labelledby="list-title">
            <table className="w-full text-left text-sm sm:text-base">
              <thead className="bg-slate-100">
                <tr>
                  <th scope="col" className="hidden px-3 py-2 sm:table-cell">
                    {t.colIndex}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t.colNumber}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t.colName}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t.colTime}
                  </th>
                  <th scope="col" className="hidden px-3 py-2 sm:table-cell">
                    {t.colMethod}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {presence.colReceipt}
                  </th>
                  {/* Pinned to the right edge: on a phone the table scrolls under it and Remove stays in reach. */}
                  <th scope="col" className="sticky right-0 bg-slate-100 px-3 py-2">
                    <span className="sr-only">{t.colActions}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {newestFirst.map((a) => (
                  <tr key={a.id} className="border-t border-slate-200">
                    <td className="hidden px-3 py-2 text-slate-600 sm:table-cell">{a.position}</td>
                    <td className="px-3 py-2 font-mono">{a.studentNumber}</td>
                    <td className="px-3 py-2">{a.name}</td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      <LocalTime iso={a.createdAt} locale={dateLocale} timeStyle="medium" />
                    </td>
                    <td className="hidden px-3 py-2 sm:table-cell">{method[a.method]}</td>
                    <EntryNotes entry={a} t={presence} />
                    <td className="sticky right-0 bg-white px-3 py-1 text-right shadow-[-8px_0_8px_-8px_rgba(15,23,42,0.3)] sm:shadow-none">
                      <button
                        type="button"
                        className="btn-danger btn-small"
                        aria-label={format(t.removeLabel, { name: a.name })}
                        onClick={() => void remove(a)}
                      >
                        {t.remove}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

const formText = (data: FormData, name: string): string => {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
};

/** Adding answers 201 for a new entry and 200 when the student was already there. */
async function fetchAdd(base: string, body: { studentNumber: string; name: string }) {
  const response = await apiFetch(`${base}/attendances`, { method: "POST", body });
  return { created: response.status === 201, attendance: (await response.json()) as Attendance };
}
