"use client";
/**
 * The presence signals on the teacher's sheet page: each entry's receipt code and correction, the
 * "to review" list with its plain-language reasons and keep / remove actions, the guessing alert and
 * the classroom-network rule. Signals are hints: nothing here removes anyone without the teacher.
 */
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { LocalTime } from "@/components/local-time";
import { api } from "@/lib/client/api";
import { problemMessage } from "@/lib/client/problem-message";
import type { Attendance } from "@/lib/client/use-live-attendances";
import type { Locale } from "@/lib/i18n/locales";
import { format, intlLocale, type Messages } from "@/lib/i18n/messages";

type Flag = "other_network" | "minority_network" | "shared_browser" | "burst" | "late_code" | "new_browser" | "typed";
type Signals = { receipt?: string; flags?: Flag[]; review?: boolean; correctedFrom?: string | null };
type T = Messages["presence"];

const signalsOf = (entry: Attendance): Signals => entry as Attendance & Signals;
const reason = (t: T, flag: Flag) => t[`flag_${flag}`];

/** The receipt cell of an entry's row: its receipt code and what the student's own correction replaced. */
export function EntryNotes({ entry, t }: { entry: Attendance; t: T }) {
  const { receipt, correctedFrom } = signalsOf(entry);
  return (
    <td className="px-3 py-2">
      {receipt ? <span className="font-mono">{receipt}</span> : null}
      {correctedFrom ? <span className="block text-xs text-slate-600">{format(t.correctedFrom, { was: correctedFrom })}</span> : null}
    </td>
  );
}

type Guessing = { wrongDigits: number; pausedUntil: string | null; detected: boolean };
type Settings = { strict: boolean; networks: string[]; projectionSeenAt: string | null; guessing: Guessing };

const SETTINGS_POLL_MS = 10_000;

export function PresencePanel({
  sheetId,
  items,
  locale,
  t,
  common,
}: {
  sheetId: string;
  items: Attendance[];
  locale: Locale;
  t: T;
  common: Messages["common"];
}) {
  const base = `/api/sheets/${sheetId}`;
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [handled, setHandled] = useState<Set<string>>(new Set());
  const review = items.filter((a) => signalsOf(a).review && !handled.has(a.id));

  const load = useCallback(async () => {
    try {
      setSettings(await api<Settings>(`${base}/presence`));
    } catch {
      // The list's own connection notice covers a lost connection.
    }
  }, [base]);

  useEffect(() => {
    const first = setTimeout(() => void load(), 0);
    const timer = setInterval(() => void load(), SETTINGS_POLL_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [load]);

  async function act(entry: Attendance, action: "confirm" | "remove") {
    setError(null);
    try {
      const path = `${base}/attendances/${encodeURIComponent(entry.studentNumber)}`;
      await api(action === "confirm" ? `${path}/confirm` : path, { method: action === "confirm" ? "POST" : "DELETE" });
      setHandled((h) => new Set(h).add(entry.id));
    } catch (err) {
      setError(problemMessage(err, common));
    }
  }

  async function saveStrict(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const listed = data.get("networks");
    const networks = (typeof listed === "string" ? listed : "").split(/[\s,]+/).filter(Boolean);
    setError(null);
    setSaved(false);
    try {
      setSettings(await api<Settings>(`${base}/presence`, { method: "PUT", body: { strict: data.get("strict") === "on", networks } }));
      setSaved(true);
    } catch (err) {
      setError(problemMessage(err, common));
    }
  }

  const guessing = settings?.guessing;
  return (
    <>
      {guessing?.detected ? (
        <div role="alert" className="alert-warn" data-testid="guessing">
          <p>{format(t.guessing, { count: guessing.wrongDigits })}</p>
          {guessing.pausedUntil ? (
            <p>
              {t.guessingPaused.split("{time}")[0]}
              <LocalTime iso={guessing.pausedUntil} locale={intlLocale(locale)} timeStyle="medium" />
              {t.guessingPaused.split("{time}")[1]}
            </p>
          ) : null}
        </div>
      ) : null}

      <section className="card grid gap-3" aria-labelledby="review-title" data-testid="review">
        <h2 id="review-title" className="text-lg font-semibold">
          {t.reviewTitle} <span className="font-normal text-slate-700">({review.length})</span>
        </h2>
        <p className="text-sm text-slate-700">{review.length ? t.reviewLead : t.reviewNone}</p>
        <div role="alert">{error ? <p className="alert-error">{error}</p> : null}</div>
        {review.length ? (
          <ul className="grid gap-3">
            {review.map((a) => (
              <li key={a.id} className="rounded-lg border border-amber-300 bg-amber-50 p-3">
                <p>
                  <span className="font-mono font-semibold">{a.studentNumber}</span> · {a.name} ·{" "}
                  <LocalTime iso={a.createdAt} locale={intlLocale(locale)} timeStyle="medium" />
                </p>
                <ul className="mt-1 list-disc pl-5 text-sm">
                  {(signalsOf(a).flags ?? []).map((flag) => (
                    <li key={flag}>{reason(t, flag)}</li>
                  ))}
                </ul>
                <div className="mt-2 flex gap-2">
                  <button
                    type="button"
                    className="btn-secondary btn-small"
                    aria-label={format(t.confirmLabel, { name: a.name })}
                    onClick={() => void act(a, "confirm")}
                  >
                    {t.confirm}
                  </button>
                  <button
                    type="button"
                    className="btn-danger btn-small"
                    aria-label={format(t.removeLabel, { name: a.name })}
                    onClick={() => void act(a, "remove")}
                  >
                    {t.remove}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      {settings ? (
        <details className="card">
          <summary className="cursor-pointer font-semibold">
            {t.strictTitle}: {settings.strict ? t.strictOn : t.strictOff}
          </summary>
          <form onSubmit={(event) => void saveStrict(event)} className="mt-3 grid gap-3">
            <label className="flex items-start gap-2">
              <input
                type="checkbox"
                name="strict"
                defaultChecked={settings.strict}
                className="mt-1 h-5 w-5"
                aria-describedby="strict-hint"
              />
              <span>{t.strictLabel}</span>
            </label>
            <p id="strict-hint" className="hint">
              {t.strictHint}
            </p>
            {!settings.projectionSeenAt ? <p className="text-sm text-slate-700">{t.projectionUnseen}</p> : null}
            <div>
              <label htmlFor="strict-networks" className="label">
                {t.networksLabel}
              </label>
              <textarea
                id="strict-networks"
                name="networks"
                className="input font-mono"
                rows={2}
                defaultValue={settings.networks.join("\n")}
                aria-describedby="networks-hint"
              />
              <p id="networks-hint" className="hint">
                {t.networksHint}
              </p>
            </div>
            <button type="submit" className="btn-secondary justify-self-start">
              {t.strictSave}
            </button>
            <p role="status">{saved ? t.strictSaved : ""}</p>
          </form>
        </details>
      ) : null}
    </>
  );
}
