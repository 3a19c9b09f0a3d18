"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { FormError, useForm } from "@/lib/client/use-form";
import type { Messages } from "@/lib/i18n/messages";
import { Field } from "@/components/field";

type Props = { t: Messages["auth"]; fields: Messages["fields"]; common: Messages["common"]; returnTo: string };

export function LoginForm({ t, fields, common, returnTo }: Props) {
  const router = useRouter();
  const form = useForm(common, { email: fields.email, password: fields.password });

  const onSubmit = form.submit(async (values) => {
    let result;
    try {
      result = await signIn("credentials", { redirect: false, email: values("email"), password: values("password") });
    } catch {
      throw new FormError(common.offlineNow);
    }
    if (result?.ok && !result.error) {
      router.replace(returnTo);
      router.refresh();
      return "leave";
    }
    if (result?.error === "TOO_MANY_ATTEMPTS") throw new FormError(t.tooManyAttempts);
    throw new FormError(t.wrongCredentials, { email: t.checkThis, password: t.checkThis });
  });

  return (
    <form onSubmit={(e) => void onSubmit(e)} className="mt-6 grid gap-4" noValidate>
      <Field id="email" label={fields.email} {...form.field("email")} type="email" autoComplete="username" required />
      <Field id="password" label={fields.password} {...form.field("password")} type="password" autoComplete="current-password" required />
      <div role="alert" aria-live="assertive">
        {form.error ? <p className="alert-error">{form.error}</p> : null}
      </div>
      <button type="submit" className="btn-primary" disabled={form.busy}>
        {form.busy ? t.signingIn : t.submitLogin}
      </button>
    </form>
  );
}
