"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { api } from "@/lib/client/api";
import { problemMessage } from "@/lib/client/problem-message";
import type { Messages } from "@/lib/i18n/messages";
import { Field } from "@/components/field";

type Props = { t: Messages["auth"]; fields: Messages["fields"]; common: Messages["common"] };

export function RegisterForm({ t, fields, common }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const account = { name: String(form.get("name")), email: String(form.get("email")), password: String(form.get("password")) };
    setBusy(true);
    setError(null);
    try {
      await api("/api/accounts", { method: "POST", body: account });
      const result = await signIn("credentials", { redirect: false, email: account.email, password: account.password });
      if (!result?.ok) {
        router.push("/login");
        return;
      }
      router.replace("/dashboard");
      router.refresh();
    } catch (err) {
      setError(problemMessage(err, common, { name: fields.name, email: fields.email, password: fields.password }));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 grid gap-4" noValidate>
      <Field id="name" label={fields.name} name="name" autoComplete="name" required minLength={2} maxLength={120} />
      <Field id="email" label={fields.email} name="email" type="email" autoComplete="email" required />
      <Field
        id="password"
        label={fields.password}
        hint={t.passwordHint}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
      />
      <div role="alert" aria-live="assertive">
        {error ? <p className="alert-error">{error}</p> : null}
      </div>
      <button type="submit" className="btn-primary" disabled={busy}>
        {busy ? t.creating : t.submitRegister}
      </button>
    </form>
  );
}
