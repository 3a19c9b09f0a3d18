"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { api } from "@/lib/client/api";
import { useForm } from "@/lib/client/use-form";
import { format, type Messages } from "@/lib/i18n/messages";
import { EMAIL_MAX, PASSWORD_MAX, PASSWORD_MIN, PERSON_NAME_MAX, PERSON_NAME_MIN } from "@/lib/validations/limits";
import { Field } from "@/components/field";

type Props = { t: Messages["auth"]; fields: Messages["fields"]; common: Messages["common"] };

export function RegisterForm({ t, fields, common }: Props) {
  const router = useRouter();
  const form = useForm(common, { name: fields.name, email: fields.email, password: fields.password });

  const onSubmit = form.submit(async (values) => {
    const account = { name: values("name"), email: values("email"), password: values("password") };
    await api("/api/accounts", { method: "POST", body: account });
    const result = await signIn("credentials", { redirect: false, email: account.email, password: account.password });
    router.replace(result?.ok ? "/dashboard" : "/login");
    router.refresh();
    return "leave";
  });

  return (
    <form onSubmit={(e) => void onSubmit(e)} className="mt-6 grid gap-4" noValidate>
      <Field
        id="name"
        label={fields.name}
        {...form.field("name")}
        autoComplete="name"
        required
        minLength={PERSON_NAME_MIN}
        maxLength={PERSON_NAME_MAX}
      />
      <Field id="email" label={fields.email} {...form.field("email")} type="email" autoComplete="email" required maxLength={EMAIL_MAX} />
      <Field
        id="password"
        label={fields.password}
        hint={format(t.passwordHint, { n: PASSWORD_MIN })}
        {...form.field("password")}
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN}
        maxLength={PASSWORD_MAX}
      />
      <div role="alert" aria-live="assertive">
        {form.error ? <p className="alert-error">{form.error}</p> : null}
      </div>
      <button type="submit" className="btn-primary" disabled={form.busy}>
        {form.busy ? t.creating : t.submitRegister}
      </button>
    </form>
  );
}
