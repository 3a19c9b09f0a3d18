"use client";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { api } from "@/lib/client/api";
import { useForm } from "@/lib/client/use-form";
import type { Messages } from "@/lib/i18n/messages";
import { EMAIL_MAX, PASSWORD_MAX, PASSWORD_MIN, PERSON_NAME_MAX, PERSON_NAME_MIN } from "@/lib/validations/limits";
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

/** The form's refusal if any, else its success (if any). */
export const outcomeOf = (error: string | null, success: string | null): Outcome =>
  error ? { ok: false, text: error } : success ? { ok: true, text: success } : null;

export function OutcomeLine({ outcome }: { outcome: Outcome }) {
  return (
    <div role="status" aria-live="polite">
      {outcome ? <p className={outcome.ok ? "alert-success" : "alert-error"}>{outcome.text}</p> : null}
    </div>
  );
}

export function ProfileForm({ teacher, t, fields, common }: Shared & { teacher: { name: string; email: string } }) {
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const form = useForm(common, { name: fields.name, email: fields.email, currentPassword: t.emailPassword });

  const save = form.submit(async (values, element) => {
    setSaved(false);
    const currentPassword = values("currentPassword");
    await api("/api/me", {
      method: "PATCH",
      body: { name: values("name"), email: values("email"), ...(currentPassword ? { currentPassword } : {}) },
    });
    setSaved(true);
    const password = element.elements.namedItem("currentPassword");
    if (password instanceof HTMLInputElement) password.value = "";
    router.refresh();
  });

  return (
    <Section id="details" title={t.details}>
      <form onSubmit={(e) => void save(e)} className="mt-3 grid gap-4 sm:max-w-md" noValidate>
        <Field
          id="profile-name"
          label={fields.name}
          {...form.field("name")}
          defaultValue={teacher.name}
          autoComplete="name"
          required
          minLength={PERSON_NAME_MIN}
          maxLength={PERSON_NAME_MAX}
        />
        <Field
          id="profile-email"
          label={fields.email}
          {...form.field("email")}
          type="email"
          defaultValue={teacher.email}
          autoComplete="email"
          required
          maxLength={EMAIL_MAX}
        />
        <Field
          id="profile-current-password"
          label={t.emailPassword}
          {...form.field("currentPassword")}
          type="password"
          autoComplete="current-password"
          maxLength={PASSWORD_MAX}
        />
        <OutcomeLine outcome={outcomeOf(form.error, saved ? common.saved : null)} />
        <button type="submit" className="btn-primary justify-self-start" disabled={form.busy}>
          {form.busy ? common.saving : t.save}
        </button>
      </form>
    </Section>
  );
}

export function PasswordForm({ t, fields, common }: Shared) {
  const [changed, setChanged] = useState(false);
  const form = useForm(common, { currentPassword: fields.currentPassword, newPassword: fields.newPassword });

  const change = form.submit(async (values, element) => {
    setChanged(false);
    await api("/api/me/password", {
      method: "PUT",
      body: {
        currentPassword: values("currentPassword"),
        newPassword: values("newPassword"),
        revokeTokens: values("revokeTokens") === "on",
      },
    });
    setChanged(true);
    element.reset();
  });

  return (
    <Section id="password" title={t.passwordTitle}>
      <form onSubmit={(e) => void change(e)} className="mt-3 grid gap-4 sm:max-w-md" noValidate>
        <Field
          id="current-password"
          label={fields.currentPassword}
          {...form.field("currentPassword")}
          type="password"
          autoComplete="current-password"
          required
          maxLength={PASSWORD_MAX}
        />
        <Field
          id="new-password"
          label={fields.newPassword}
          {...form.field("newPassword")}
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN}
          maxLength={PASSWORD_MAX}
          required
        />
        <label className="flex items-center gap-2">
          <input type="checkbox" name="revokeTokens" />
          {t.revokeTokens}
        </label>
        <OutcomeLine outcome={outcomeOf(form.error, changed ? t.passwordChanged : null)} />
        <button type="submit" className="btn-primary justify-self-start" disabled={form.busy}>
          {t.changePassword}
        </button>
      </form>
    </Section>
  );
}
