"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { Messages } from "@/lib/i18n/messages";
import { Field } from "@/components/field";

type Props = { t: Messages["auth"]; fields: Messages["fields"]; common: Messages["common"]; returnTo: string };

export function LoginForm({ t, fields, common, returnTo }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const result = await signIn("credentials", { redirect: false, email: form.get("email"), password: form.get("password") });
      if (result?.ok && !result.error) {
        router.replace(returnTo);
        router.refresh();
        return;
      }
      setError(result?.error === "TOO_MANY_ATTEMPTS" ? t.tooManyAttempts : t.wrongCredentials);
    } catch {
      setError(common.offlineNow);
    }
    setBusy(false);
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 grid gap-4" noValidate>
      <Field
        id="email"
        label={fields.email}
        name="email"
        type="email"
        autoComplete="username"
        required
        aria-invalid={error ? true : undefined}
      />
      <Field
        id="password"
        label={fields.password}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        aria-invalid={error ? true : undefined}
      />
      <div role="alert" aria-live="assertive">
        {error ? <p className="alert-error">{error}</p> : null}
      </div>
      <button type="submit" className="btn-primary" disabled={busy}>
        {busy ? t.signingIn : t.submitLogin}
      </button>
    </form>
  );
}
