"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { api } from "@/lib/client/api";
import { problemMessage } from "@/lib/client/problem-message";
import type { Messages } from "@/lib/i18n/messages";

type Shared = { t: Messages["profile"]; fields: Messages["fields"]; common: Messages["common"] };
type Outcome = { ok: boolean; text: string } | null;

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function OutcomeLine({ outcome }: { outcome: Outcome }) {
  return (
    <div role="status" aria-live="polite">
      {outcome ? <p className={outcome.ok ? "alert-success" : "alert-error"}>{outcome.text}</p> : null}
    </div>
  );
}

export function ProfileForm({ teacher, t, fields, common }: Shared & { teacher: { name: string; email: string } }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setBusy(true);
    try {
      await api("/api/me", { method: "PATCH", body: { name: data.get("name"), email: data.get("email") } });
      setOutcome({ ok: true, text: common.saved });
      router.refresh();
    } catch (err) {
      setOutcome({ ok: false, text: problemMessage(err, common, { name: fields.name, email: fields.email }) });
    }
    setBusy(false);
  }

  return (
    <Section id="details" title={t.details}>
      <form onSubmit={save} className="mt-3 grid gap-4 sm:max-w-md">
        <div>
          <label htmlFor="profile-name" className="label">
            {fields.name}
          </label>
          <input id="profile-name" name="name" className="input" defaultValue={teacher.name} autoComplete="name" required />
        </div>
        <div>
          <label htmlFor="profile-email" className="label">
            {fields.email}
          </label>
          <input id="profile-email" name="email" type="email" className="input" defaultValue={teacher.email} autoComplete="email" required />
        </div>
        <OutcomeLine outcome={outcome} />
        <button type="submit" className="btn-primary justify-self-start" disabled={busy}>
          {busy ? common.saving : t.save}
        </button>
      </form>
    </Section>
  );
}

export function PasswordForm({ t, fields, common }: Shared) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function change(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    try {
      await api("/api/me/password", {
        method: "PUT",
        body: { currentPassword: data.get("currentPassword"), newPassword: data.get("newPassword") },
      });
      setOutcome({ ok: true, text: t.passwordChanged });
      form.reset();
    } catch (err) {
      setOutcome({
        ok: false,
        text: problemMessage(err, common, { currentPassword: fields.currentPassword, newPassword: fields.newPassword }),
      });
    }
    setBusy(false);
  }

  return (
    <Section id="password" title={t.passwordTitle}>
      <form onSubmit={change} className="mt-3 grid gap-4 sm:max-w-md">
        <div>
          <label htmlFor="current-password" className="label">
            {fields.currentPassword}
          </label>
          <input id="current-password" name="currentPassword" type="password" className="input" autoComplete="current-password" required />
        </div>
        <div>
          <label htmlFor="new-password" className="label">
            {fields.newPassword}
          </label>
          <input id="new-password" name="newPassword" type="password" className="input" autoComplete="new-password" minLength={10} required />
        </div>
        <OutcomeLine outcome={outcome} />
        <button type="submit" className="btn-primary justify-self-start" disabled={busy}>
          {t.changePassword}
        </button>
      </form>
    </Section>
  );
}
