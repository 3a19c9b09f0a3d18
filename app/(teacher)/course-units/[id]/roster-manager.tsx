"use client";
/**
 * The roster page's controls: import a file (read with progress, previewed, then applied), add and
 * remove single students, the unit's lateness and minimum-rate settings, and its teachers.
 */
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/field";
import { ApiProblem, api } from "@/lib/client/api";
import { problemMessage } from "@/lib/client/problem-message";
import { format, type Messages } from "@/lib/i18n/messages";

type Student = { studentNumber: string; name: string; email: string | null; group: string | null; updatedAt: string };
type Member = { id: string; name: string; email: string; role: "owner" | "member" };
type Counts = { add: number; update: number; unchanged: number; remove: number; invalid: number };
type Preview = { counts: Counts; invalid: { line: number; reasons: string[] }[] };

type Props = {
  unit: { id: string; role: "owner" | "member"; lateAfterMinutes: number; minimumRate: number };
  me: string;
  initialRoster: Student[];
  initialTeam: Member[];
  t: Messages["roster"];
  common: Messages["common"];
  fields: Messages["fields"];
};

/** Reads a file in the browser, reporting progress: a 5,000-row export can take a moment on a phone. */
function readFile(file: File, onProgress: (percent: number) => void): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error("read"));
    reader.readAsArrayBuffer(file);
  });
}

/** Rows rendered at a time: a 5,000-student roster stays quick to scroll and to filter. */
const PAGE = 200;

/** Whether a student matches what the teacher typed: number, name or group, ignoring case and accents. */
function matches(student: { studentNumber: string; name: string; group: string | null }, typed: string): boolean {
  const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const wanted = fold(typed.trim());
  return !wanted || [student.studentNumber, student.name, student.group ?? ""].some((text) => fold(text).includes(wanted));
}

export function RosterManager({ unit, me, initialRoster, initialTeam, t, common, fields }: Props) {
  const router = useRouter();
  const [roster, setRoster] = useState(initialRoster);
  const [team, setTeam] = useState(initialTeam);
  const [bytes, setBytes] = useState<{ data: ArrayBuffer; type: string } | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [mode, setMode] = useState<"merge" | "replace">("merge");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState("");
  const [error, setError] = useState("");
  const [filter, setFilter] = useState("");
  const [shown, setShown] = useState(PAGE);
  const matching = roster.filter((student) => matches(student, filter));
  const base = `/api/course-units/${unit.id}`;

  async function run(task: () => Promise<string>) {
    setBusy(true);
    setError("");
    try {
      setNotice(await task());
    } catch (err) {
      setError(problemMessage(err, common, { studentNumber: fields.studentNumber, name: fields.name, email: t.email, group: t.group }));
    } finally {
      setBusy(false);
    }
  }

  const reload = async () => setRoster((await api<{ items: Student[] }>(`${base}/roster`)).items);

  async function choose(file: File | undefined) {
    setPreview(null);
    setNotice("");
    if (!file) return;
    setProgress(0);
    const data = await readFile(file, setProgress);
    const type = file.name.toLowerCase().endsWith(".xlsx")
      ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      : "text/csv";
    setBytes({ data, type });
  }

  async function upload(step: "preview" | "import"): Promise<Response> {
    if (!bytes) throw new ApiProblem(400, "ROSTER_FILE_INVALID", "", "");
    const response = await fetch(`${base}/roster/${step}?mode=${mode}`, {
      method: "POST",
      headers: { "content-type": bytes.type, accept: "application/json", "accept-language": document.documentElement.lang || "en" },
      body: bytes.data,
      credentials: "same-origin",
    });
    if (response.status >= 400) {
      const body = (await response.json().catch(() => ({}))) as {
        code?: ApiProblem["code"];
        title?: string;
        detail?: string;
        errors?: ApiProblem["errors"];
      };
      throw new ApiProblem(response.status, body.code ?? "INTERNAL_ERROR", body.title ?? "", body.detail ?? "", body.errors ?? []);
    }
    return response;
  }

  const doPreview = () =>
    run(async () => {
      setPreview((await (await upload("preview")).json()) as Preview);
      return "";
    });

  const doImport = () =>
    run(async () => {
      const { counts } = (await (await upload("import")).json()) as { counts: Counts };
      setPreview(null);
      setBytes(null);
      setProgress(null);
      await reload();
      router.refresh();
      return format(t.applied, { add: counts.add, update: counts.update, remove: counts.remove });
    });

  function addStudent(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    void run(async () => {
      const added = await api<Student>(`${base}/roster`, {
        method: "POST",
        body: { studentNumber: data.get("studentNumber"), name: data.get("name"), email: data.get("email"), group: data.get("group") },
      });
      form.reset();
      await reload();
      return format(t.added, { name: added.name });
    });
  }

  const removeStudent = (s: Student) =>
    run(async () => {
      await api(`${base}/roster/${encodeURIComponent(s.studentNumber)}`, { method: "DELETE" });
      setRoster((list) => list.filter((x) => x.studentNumber !== s.studentNumber));
      return format(t.removedStudent, { name: s.name });
    });

  function saveSettings(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    void run(async () => {
      await api(base, {
        method: "PATCH",
        body: { lateAfterMinutes: Number(data.get("lateAfterMinutes")), minimumRate: Number(data.get("minimumRate")) },
      });
      return common.saved;
    });
  }

  function invite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    void run(async () => {
      const added = await api<Member>(`${base}/teachers`, { method: "POST", body: { email: data.get("email") } });
      form.reset();
      setTeam((list) => (list.some((m) => m.id === added.id) ? list : [...list, added]));
      return format(t.invited, { name: added.name });
    });
  }

  const removeMember = (m: Member) =>
    run(async () => {
      await api(`${base}/teachers/${m.id}`, { method: "DELETE" });
      if (m.id === me) {
        router.push("/dashboard");
        return "";
      }
      setTeam((list) => list.filter((x) => x.id !== m.id));
      return "";
    });

  const importable = preview ? preview.counts.add + preview.counts.update + preview.counts.unchanged : 0;
  return (
    <div className="grid gap-6">
      <div role="status" aria-live="polite">
        {notice ? <p className="alert-success">{notice}</p> : null}
      </div>
      <div role="alert">{error ? <p className="alert-error">{error}</p> : null}</div>

      <section className="card grid gap-3" aria-labelledby="import-title">
        <h2 id="import-title" className="text-lg font-semibold">
          {t.importTitle}
        </h2>
        <p className="text-slate-700">{t.importLead}</p>
        <div>
          <label htmlFor="roster-file" className="label">
            {t.file}
          </label>
          <input
            id="roster-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="input"
            onChange={(event) => void choose(event.target.files?.[0])}
          />
          {progress !== null ? (
            <div className="mt-2 flex items-center gap-2">
              <progress max={100} value={progress} aria-labelledby="read-progress" className="w-48" />
              <span id="read-progress" className="text-sm text-slate-700">
                {format(t.reading, { percent: progress })}
              </span>
            </div>
          ) : null}
        </div>
        <fieldset>
          <legend className="label">{t.mode}</legend>
          <div className="flex flex-wrap gap-4">
            {(["merge", "replace"] as const).map((m) => (
              <label key={m} className="flex items-center gap-2">
                <input
                  type="radio"
                  name="mode"
                  value={m}
                  checked={mode === m}
                  onChange={() => {
                    setMode(m);
                    setPreview(null);
                  }}
                />
                {m === "merge" ? t.merge : t.replace}
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <button type="button" className="btn-secondary" disabled={!bytes || busy} onClick={() => void doPreview()}>
            {t.previewButton}
          </button>
        </div>
        {preview ? (
          <div className="grid gap-2" aria-labelledby="preview-title">
            <h3 id="preview-title" className="font-semibold">
              {t.previewTitle}
            </h3>
            <p data-testid="preview-counts">{format(t.counts, { ...preview.counts })}</p>
            {preview.invalid.length > 0 ? (
              <div>
                <h4 className="font-semibold text-red-800">{t.invalidTitle}</h4>
                <ul className="mt-1 max-h-64 overflow-y-auto text-sm">
                  {preview.invalid.slice(0, 200).map((row) => (
                    <li key={row.line}>
                      {format(t.line, { line: row.line })}: {row.reasons.join("; ")}
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <div>
                <button type="button" className="btn-primary" disabled={busy} onClick={() => void doImport()}>
                  {busy ? t.applying : format(t.apply, { count: importable })}
                </button>
              </div>
            )}
          </div>
        ) : null}
      </section>

      <section className="grid gap-3" aria-labelledby="roster-list-title">
        <h2 id="roster-list-title" className="text-lg font-semibold">
          {format(t.listTitle, { count: roster.length })}
        </h2>
        <form
          onSubmit={addStudent}
          className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-[10rem_1fr_1fr_6rem_auto] lg:items-end"
          aria-label={t.addTitle}
        >
          <Field
            id="roster-number"
            label={fields.studentNumber}
            name="studentNumber"
            required
            maxLength={64}
            autoComplete="off"
            inputClassName="uppercase"
          />
          <Field id="roster-name" label={fields.name} name="name" required maxLength={120} autoComplete="off" />
          <Field id="roster-email" label={t.email} name="email" type="email" maxLength={254} autoComplete="off" />
          <Field id="roster-group" label={t.group} name="group" maxLength={40} autoComplete="off" />
          <button type="submit" className="btn-primary" disabled={busy}>
            {t.add}
          </button>
        </form>
        {roster.length === 0 ? (
          <p className="card text-slate-700">{t.empty}</p>
        ) : (
          <div className="grid gap-2">
            <Field
              id="roster-filter"
              label={t.filter}
              type="search"
              value={filter}
              onChange={(e) => {
                setFilter(e.target.value);
                setShown(PAGE);
              }}
              autoComplete="off"
              inputClassName="sm:max-w-sm"
            />
            <p className="text-sm text-slate-700" aria-live="polite">
              {format(t.showing, { shown: Math.min(shown, matching.length), count: matching.length })}
            </p>
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead>
                  <tr>
                    <th scope="col" className="p-2">
                      {t.colNumber}
                    </th>
                    <th scope="col" className="p-2">
                      {t.colName}
                    </th>
                    <th scope="col" className="p-2">
                      {t.colEmail}
                    </th>
                    <th scope="col" className="p-2">
                      {t.colGroup}
                    </th>
                    <th scope="col" className="p-2">
                      {t.colActions}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {matching.slice(0, shown).map((s) => (
                    <tr key={s.studentNumber} className="border-t border-slate-200">
                      <td className="p-2 font-mono">{s.studentNumber}</td>
                      <td className="p-2">{s.name}</td>
                      <td className="p-2 break-all">{s.email ?? ""}</td>
                      <td className="p-2">{s.group ?? ""}</td>
                      <td className="p-2">
                        <button
                          type="button"
                          className="btn-secondary btn-small"
                          aria-label={format(t.removeLabel, { name: s.name })}
                          onClick={() => void removeStudent(s)}
                        >
                          {t.remove}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {matching.length > shown ? (
              <div>
                <button type="button" className="btn-secondary" onClick={() => setShown(shown + PAGE)}>
                  {format(t.showMore, { count: Math.min(PAGE, matching.length - shown) })}
                </button>
              </div>
            ) : null}
          </div>
        )}
      </section>

      <section className="card grid gap-3" aria-labelledby="settings-title">
        <h2 id="settings-title" className="text-lg font-semibold">
          {t.settingsTitle}
        </h2>
        <form onSubmit={saveSettings} className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
          <Field
            id="late-after"
            label={t.lateAfterMinutes}
            name="lateAfterMinutes"
            type="number"
            min={0}
            max={600}
            defaultValue={unit.lateAfterMinutes}
            required
          />
          <Field
            id="minimum-rate"
            label={t.minimumRate}
            name="minimumRate"
            type="number"
            min={0}
            max={100}
            defaultValue={unit.minimumRate}
            required
          />
          <button type="submit" className="btn-secondary" disabled={busy}>
            {t.save}
          </button>
        </form>
      </section>

      <section className="card grid gap-3" aria-labelledby="team-title">
        <h2 id="team-title" className="text-lg font-semibold">
          {t.teamTitle}
        </h2>
        <ul className="grid gap-2">
          {team.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center gap-2">
              <span>{m.name}</span> <span className="text-sm text-slate-600 break-all">{m.email}</span>
              <span className="text-sm font-semibold">{m.role === "owner" ? t.owner : t.member}</span>
              {m.role === "member" && (unit.role === "owner" || m.id === me) ? (
                <button
                  type="button"
                  className="btn-secondary btn-small"
                  aria-label={format(t.removeTeacherLabel, { name: m.name })}
                  onClick={() => void removeMember(m)}
                >
                  {m.id === me ? t.leave : t.removeTeacher}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
        {unit.role === "owner" ? (
          <form onSubmit={invite} className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end" aria-label={t.invite}>
            <Field
              id="invite-email"
              label={t.invite}
              hint={t.inviteHint}
              name="email"
              type="email"
              required
              maxLength={254}
              autoComplete="off"
            />
            <button type="submit" className="btn-secondary" disabled={busy}>
              {t.inviteButton}
            </button>
          </form>
        ) : null}
      </section>
    </div>
  );
}
