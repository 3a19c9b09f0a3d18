"use client";
/**
 * Beside the live list: the roster's absentees (with "excuse"), the entries whose number is not on the
 * roster with a one-click "did you mean" correction, and each entry's status. It reloads whenever the
 * live list changes, so it fills in as students arrive.
 */
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { api } from "@/lib/client/api";
import { problemMessage } from "@/lib/client/problem-message";
import { format, type Messages } from "@/lib/i18n/messages";

type Status = "present" | "late" | "excused" | "absent";
type Check = {
  rosterSize: number;
  entries: { studentNumber: string; name: string; status: Status; statusNote: string | null; onRoster: boolean }[];
  absentees: { studentNumber: string; name: string; group: string | null }[];
  notOnRoster: { studentNumber: string; name: string; suggestions: { studentNumber: string; name: string }[] }[];
};

type Props = {
  sheetId: string;
  courseUnitId: string;
  /** Changes whenever the live list does: the panel reloads then. */
  listVersion: string;
  t: Messages["rosterPanel"];
  common: Messages["common"];
};

export function RosterPanel({ sheetId, courseUnitId, listVersion, t, common }: Props) {
  const [check, setCheck] = useState<Check | null>(null);
  const [excusing, setExcusing] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [notice, setNotice] = useState("");
  const [error, setError] = useState("");
  const base = `/api/sheets/${sheetId}`;
  const statusText: Record<Status, string> = { present: t.present, late: t.late, excused: t.excusedStatus, absent: t.absent };

  const load = useCallback(async () => {
    try {
      setCheck(await api<Check>(`${base}/roster`));
    } catch (err) {
      setError(problemMessage(err, common));
    }
  }, [base, common]);

  useEffect(() => {
    const timer = setTimeout(() => void load(), 200);
    return () => clearTimeout(timer);
  }, [load, listVersion]);

  async function act(run: () => Promise<unknown>, done: string) {
    setError("");
    try {
      await run();
      setNotice(done);
      await load();
    } catch (err) {
      setError(problemMessage(err, common));
    }
  }

  const excuse = (s: { studentNumber: string; name: string }) =>
    act(
      async () => {
        await api(`${base}/attendances/${encodeURIComponent(s.studentNumber)}/status`, {
          method: "PUT",
          body: { status: "excused", note },
        });
        setExcusing(null);
        setNote("");
      },
      format(t.excused, { name: s.name }),
    );

  if (!check) return null;
  if (check.rosterSize === 0) {
    return (
      <section className="card" aria-labelledby="roster-title">
        <h2 id="roster-title" className="text-lg font-semibold">
          {t.title}
        </h2>
        <p className="mt-1 text-slate-700">{t.noRoster}</p>
        <Link href={`/course-units/${courseUnitId}`} className="mt-2 inline-block text-brand-800 underline">
          {t.importLink}
        </Link>
      </section>
    );
  }
  const presentOnRoster = check.entries.filter((e) => e.onRoster && e.status !== "excused" && e.status !== "absent").length;
  return (
    <section className="card grid gap-4" aria-labelledby="roster-title">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="roster-title" className="text-lg font-semibold">
          {t.title}
        </h2>
        <Link href={`/course-units/${courseUnitId}`} className="text-brand-800 underline">
          {t.manageLink}
        </Link>
      </div>
      <p className="text-slate-700">
        {format(t.lead, { present: presentOnRoster, size: check.rosterSize, absent: check.absentees.length })}
      </p>
      <div role="status" aria-live="polite">
        {notice ? <p className="alert-success">{notice}</p> : null}
      </div>
      <div role="alert">{error ? <p className="alert-error">{error}</p> : null}</div>

      {check.notOnRoster.length > 0 ? (
        <div>
          <h3 className="font-semibold">{format(t.unknownTitle, { count: check.notOnRoster.length })}</h3>
          <ul className="mt-2 grid gap-2" data-testid="not-on-roster">
            {check.notOnRoster.map((e) => (
              <li key={e.studentNumber} className="flex flex-wrap items-center gap-2">
                <span className="font-mono">{e.studentNumber}</span> <span>{e.name}</span>
                {e.suggestions.length === 0 ? (
                  <span className="text-sm text-slate-600">{t.noSuggestion}</span>
                ) : (
                  <>
                    <span className="text-sm text-slate-700">{t.didYouMean}</span>
                    {e.suggestions.map((s) => (
                      <button
                        key={s.studentNumber}
                        type="button"
                        className="btn-secondary btn-small"
                        aria-label={format(t.correctLabel, { from: e.studentNumber, number: s.studentNumber, name: s.name })}
                        onClick={() =>
                          void act(
                            () =>
                              api(`${base}/attendances/${encodeURIComponent(e.studentNumber)}/correction`, {
                                method: "POST",
                                body: { studentNumber: s.studentNumber },
                              }),
                            format(t.corrected, { from: e.studentNumber, number: s.studentNumber }),
                          )
                        }
                      >
                        {format(t.correct, { number: s.studentNumber })} · {s.name}
                      </button>
                    ))}
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div>
        <h3 className="font-semibold">{format(t.absenteesTitle, { count: check.absentees.length })}</h3>
        {check.absentees.length === 0 ? (
          <p className="mt-1 text-slate-700">{t.noAbsentees}</p>
        ) : (
          <ul className="mt-2 grid max-h-96 gap-2 overflow-y-auto" data-testid="absentees">
            {check.absentees.map((s) => (
              <li key={s.studentNumber} className="flex flex-wrap items-center gap-2">
                <span className="font-mono">{s.studentNumber}</span> <span>{s.name}</span>
                {s.group ? <span className="text-sm text-slate-600">({s.group})</span> : null}
                {excusing === s.studentNumber ? (
                  <form
                    className="flex flex-wrap items-end gap-2"
                    onSubmit={(event) => {
                      event.preventDefault();
                      void excuse(s);
                    }}
                  >
                    <label className="text-sm">
                      {t.note}
                      <input className="input" value={note} maxLength={200} onChange={(event) => setNote(event.target.value)} autoFocus />
                    </label>
                    <button type="submit" className="btn-primary btn-small">
                      {t.confirmExcuse}
                    </button>
                    <button type="button" className="btn-secondary btn-small" onClick={() => setExcusing(null)}>
                      {t.cancel}
                    </button>
                  </form>
                ) : (
                  <button
                    type="button"
                    className="btn-secondary btn-small"
                    aria-label={format(t.excuseLabel, { name: s.name })}
                    onClick={() => setExcusing(s.studentNumber)}
                  >
                    {t.excuse}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>

      <details>
        <summary className="cursor-pointer font-semibold">{t.statusTitle}</summary>
        <ul className="mt-2 grid gap-2">
          {check.entries.map((e) => (
            <li key={e.studentNumber} className="flex flex-wrap items-center gap-2">
              <span className="font-mono">{e.studentNumber}</span> <span>{e.name}</span>
              <select
                className="input w-auto"
                aria-label={format(t.statusLabel, { name: e.name })}
                value={e.status}
                onChange={(event) => {
                  const status = event.target.value as Status;
                  void act(
                    () => api(`${base}/attendances/${encodeURIComponent(e.studentNumber)}/status`, { method: "PUT", body: { status } }),
                    format(t.statusSaved, { name: e.name, status: statusText[status] }),
                  );
                }}
              >
                {(Object.keys(statusText) as Status[]).map((s) => (
                  <option key={s} value={s}>
                    {statusText[s]}
                  </option>
                ))}
              </select>
              {e.statusNote ? <span className="text-sm text-slate-600">{e.statusNote}</span> : null}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
