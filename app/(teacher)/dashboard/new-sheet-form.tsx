"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/lib/client/api";
import { useForm } from "@/lib/client/use-form";
import { format, type Messages } from "@/lib/i18n/messages";
import {
  COURSE_UNIT_CODE_MAX,
  COURSE_UNIT_CODE_PATTERN,
  COURSE_UNIT_NAME_MAX,
  COURSE_UNIT_NAME_MIN,
  SUMMARY_MAX,
} from "@/lib/validations/limits";
import { Field, FieldError } from "@/components/field";

type Unit = { id: string; code: string; name: string };
type Props = { units: Unit[]; preferred?: string; t: Messages["dashboard"]; fields: Messages["fields"]; common: Messages["common"] };

/** Two clicks: the course unit last used is preselected, so "Open sheet" is often all it takes. */
export function NewSheetForm({ units: initialUnits, preferred, t, fields, common }: Props) {
  const router = useRouter();
  const [units, setUnits] = useState(initialUnits);
  const [unitId, setUnitId] = useState(preferred ?? "");
  const [status, setStatus] = useState<string | null>(null);
  const sheetForm = useForm(common, { courseUnitId: fields.courseUnit, summary: fields.summary });
  const unitForm = useForm(common, { code: fields.courseUnitCode, name: fields.courseUnitName });
  const unitError = sheetForm.field("courseUnitId").error;

  const openSheet = sheetForm.submit(async (values) => {
    const sheet = await api<{ id: string }>("/api/sheets", { method: "POST", body: { courseUnitId: unitId, summary: values("summary") } });
    router.push(`/sheets/${sheet.id}`);
    return "leave";
  });

  const addUnit = unitForm.submit(async (values, form) => {
    setStatus(null);
    const unit = await api<Unit>("/api/course-units", { method: "POST", body: { code: values("code"), name: values("name") } });
    setUnits((list) => [...list, unit].sort((a, b) => a.code.localeCompare(b.code)));
    setUnitId(unit.id);
    setStatus(format(t.courseUnitAdded, { code: unit.code }));
    form.reset();
  });

  return (
    <div className="mt-4 grid gap-4">
      <form onSubmit={(e) => void openSheet(e)} className="grid gap-4 md:grid-cols-[1fr_1fr_auto] md:items-start" noValidate>
        <div>
          <label htmlFor="courseUnitId" className="label">
            {fields.courseUnit}
          </label>
          <select
            id="courseUnitId"
            name="courseUnitId"
            className="input"
            required
            value={unitId}
            onChange={(e) => setUnitId(e.target.value)}
            aria-invalid={unitError ? true : undefined}
            aria-describedby={unitError ? "courseUnitId-error" : undefined}
          >
            <option value="" disabled>
              {t.pickCourseUnit}
            </option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.code} · {u.name}
              </option>
            ))}
          </select>
          <FieldError id="courseUnitId-error" error={unitError} />
        </div>
        <Field
          id="summary"
          label={
            <>
              {fields.summary} <span className="font-normal text-slate-600">({common.optional})</span>
            </>
          }
          hint={t.summaryHint}
          {...sheetForm.field("summary")}
          maxLength={SUMMARY_MAX}
        />
        <button type="submit" className="btn-primary md:mt-7" disabled={sheetForm.busy || !unitId}>
          {sheetForm.busy ? t.opening : t.openSheet}
        </button>
      </form>
      <div role="alert" aria-live="assertive">
        {sheetForm.error ? <p className="alert-error">{sheetForm.error}</p> : null}
      </div>
      <details className="rounded-lg border border-slate-300 p-3">
        <summary className="cursor-pointer font-medium text-brand-800 underline">{t.addCourseUnit}</summary>
        <form onSubmit={(e) => void addUnit(e)} className="mt-3 grid gap-3 sm:grid-cols-[10rem_1fr_auto] sm:items-start" noValidate>
          <Field
            id="unit-code"
            label={fields.courseUnitCode}
            {...unitForm.field("code")}
            inputClassName="uppercase"
            required
            maxLength={COURSE_UNIT_CODE_MAX}
            pattern={COURSE_UNIT_CODE_PATTERN}
            data-pattern-message={format(common.fieldProblems.courseUnitCode, { n: COURSE_UNIT_CODE_MAX })}
            autoComplete="off"
          />
          <Field
            id="unit-name"
            label={fields.courseUnitName}
            {...unitForm.field("name")}
            required
            minLength={COURSE_UNIT_NAME_MIN}
            maxLength={COURSE_UNIT_NAME_MAX}
            autoComplete="off"
          />
          <button type="submit" className="btn-secondary sm:mt-7" disabled={unitForm.busy}>
            {t.addCourseUnitButton}
          </button>
        </form>
        <div role="alert" aria-live="assertive" className="mt-3 empty:mt-0">
          {unitForm.error ? <p className="alert-error">{unitForm.error}</p> : null}
        </div>
      </details>
      <div role="status" aria-live="polite">
        {status ? <p className="alert-success">{status}</p> : null}
      </div>
    </div>
  );
}
