"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { api } from "@/lib/client/api";
import { problemMessage } from "@/lib/client/problem-message";
import type { Messages } from "@/lib/i18n/messages";
import { Field } from "@/components/field";

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
        <Field id="profile-name" label={fields.name} name="name" defaultValue={teacher.name} autoComplete="name" required />
        <Field
          id="profile-email"
          label={fields.email}
          name="email"
          type="email"
          defaultValue={teacher.email}
          autoComplete="email"
          required
        />
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
        <Field
          id="current-password"
          label={fields.currentPassword}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
        />
        <Field
          id="new-password"
          label={fields.newPassword}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          minLength={10}
          required
        />
        <OutcomeLine outcome={outcome} />
        <button type="submit" className="btn-primary justify-self-start" disabled={busy}>
          {t.changePassword}
        </button>
      </form>
    </Section>
  );
}
