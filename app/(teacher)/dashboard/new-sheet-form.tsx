"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { api } from "@/lib/client/api";
import { problemMessage } from "@/lib/client/problem-message";
import { format, type Messages } from "@/lib/i18n/messages";
import { Field } from "@/components/field";

type Unit = { id: string; code: string; name: string };
type Props = { units: Unit[]; preferred?: string; t: Messages["dashboard"]; fields: Messages["fields"]; common: Messages["common"] };

/** Two clicks: the course unit last used is preselected, so "Open sheet" is often all it takes. */
export function NewSheetForm({ units: initialUnits, preferred, t, fields, common }: Props) {
  const router = useRouter();
  const [units, setUnits] = useState(initialUnits);
  const [unitId, setUnitId] = useState(preferred ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function openSheet(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const summary = String(new FormData(event.currentTarget).get("summary") ?? "");
    setBusy(true);
    setError(null);
    try {
      const sheet = await api<{ id: string }>("/api/sheets", { method: "POST", body: { courseUnitId: unitId, summary } });
      router.push(`/sheets/${sheet.id}`);
    } catch (err) {
      setError(problemMessage(err, common, { courseUnitId: fields.courseUnit, summary: fields.summary }));
      setBusy(false);
    }
  }

  async function addUnit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setError(null);
    try {
      const unit = await api<Unit>("/api/course-units", { method: "POST", body: { code: data.get("code"), name: data.get("name") } });
      setUnits((list) => [...list, unit].sort((a, b) => a.code.localeCompare(b.code)));
      setUnitId(unit.id);
      setStatus(format(t.courseUnitAdded, { code: unit.code }));
      form.reset();
    } catch (err) {
      setError(problemMessage(err, common, { code: fields.courseUnitCode, name: fields.courseUnitName }));
    }
  }

  return (
    <div className="mt-4 grid gap-4">
      <form onSubmit={openSheet} className="grid gap-4 md:grid-cols-[1fr_1fr_auto] md:items-end">
        <div>
          <label htmlFor="courseUnitId" className="label">
            {fields.courseUnit}
          </label>
          <select id="courseUnitId" name="courseUnitId" className="input" required value={unitId} onChange={(e) => setUnitId(e.target.value)}>
            <option value="" disabled>
              {t.pickCourseUnit}
            </option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.code} · {u.name}
              </option>
            ))}
          </select>
        </div>
        <Field
          id="summary"
          label={<>{fields.summary} <span className="font-normal text-slate-600">({common.optional})</span></>}
          name="summary"
          maxLength={500}
          aria-describedby="summary-hint"
        />
        <button type="submit" className="btn-primary" disabled={busy || !unitId}>
          {busy ? t.opening : t.openSheet}
        </button>
        <p id="summary-hint" className="hint md:col-span-3 md:-mt-2">
          {t.summaryHint}
        </p>
      </form>
      <details className="rounded-lg border border-slate-300 p-3">
        <summary className="cursor-pointer font-medium text-brand-800 underline">{t.addCourseUnit}</summary>
        <form onSubmit={addUnit} className="mt-3 grid gap-3 sm:grid-cols-[10rem_1fr_auto] sm:items-end">
          <Field
            id="unit-code"
            label={fields.courseUnitCode}
            name="code"
            inputClassName="uppercase"
            required
            maxLength={20}
            autoComplete="off"
          />
          <Field id="unit-name" label={fields.courseUnitName} name="name" required maxLength={160} autoComplete="off" />
          <button type="submit" className="btn-secondary">
            {t.addCourseUnitButton}
          </button>
        </form>
      </details>
      <div role="status" aria-live="polite">
        {status ? <p className="alert-success">{status}</p> : null}
      </div>
      <div role="alert" aria-live="assertive">
        {error ? <p className="alert-error">{error}</p> : null}
      </div>
    </div>
  );
}
