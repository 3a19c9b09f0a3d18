"use client";
import { useRef, useState } from "react";
import { LocalTime } from "@/components/local-time";
import { api, ApiProblem } from "@/lib/client/api";
import { problemMessage } from "@/lib/client/problem-message";
import { FormError, useForm } from "@/lib/client/use-form";
import type { Locale } from "@/lib/i18n/locales";
import { format, intlLocale, type Messages } from "@/lib/i18n/messages";
import { PASSWORD_MAX, TOKEN_LABEL_MAX } from "@/lib/validations/limits";
import { outcomeOf, OutcomeLine, Section } from "./profile-forms";
import { Field } from "@/components/field";

type Token = { id: string; label: string; prefix: string; createdAt: string; lastUsedAt: string | null };
type Props = {
  email: string;
  locale: Locale;
  initial: Token[];
  t: Messages["profile"];
  fields: Messages["fields"];
  common: Messages["common"];
};

/**
 * Personal API tokens: created with the password (as the API requires), shown once, revocable after a
 * confirmation (a revoked token cannot be brought back, so there is no undo).
 */
export function ApiTokens({ email, locale, initial, t, fields, common }: Props) {
  const [tokens, setTokens] = useState(initial);
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const heading = useRef<HTMLDivElement>(null);
  const form = useForm(common, { password: fields.password, label: fields.label });
  const dateLocale = intlLocale(locale);

  const create = form.submit(async (values, element) => {
    setNotice(null);
    try {
      const created = await api<Token & { token: string }>("/api/tokens", {
        method: "POST",
        body: { email, password: values("password"), label: values("label").trim() || undefined },
      });
      const { token, ...shown } = created;
      setTokens((list) => [shown, ...list]);
      setSecret(token);
      element.reset();
    } catch (err) {
      // The form asks only for the password: the API's "wrong e-mail or password" can only mean it.
      if (err instanceof ApiProblem && err.code === "INVALID_CREDENTIALS") {
        throw new FormError(t.tokenWrongPassword, { password: t.tokenWrongPasswordField });
      }
      throw err;
    }
  });

  async function revoke(token: Token) {
    try {
      await api(`/api/tokens/${token.id}`, { method: "DELETE" });
      setTokens((list) => list.filter((k) => k.id !== token.id));
      setConfirming(null);
      setNotice({ ok: true, text: t.revoked });
      // The row and its buttons are gone: focus goes back to the top of the list.
      heading.current?.focus();
    } catch (err) {
      setNotice({ ok: false, text: problemMessage(err, common) });
    }
  }

  function keep(token: Token) {
    setConfirming(null);
    requestAnimationFrame(() => document.getElementById(`revoke-${token.id}`)?.focus());
  }

  async function copy() {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
      setNotice({ ok: true, text: t.copied });
    } catch {
      // No clipboard access: the token stays selectable on screen.
    }
  }

  return (
    <Section id="tokens" title={t.tokensTitle}>
      <p className="mt-1 text-slate-700">{t.tokensLead}</p>
      <form onSubmit={(e) => void create(e)} className="mt-3 grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-start" noValidate>
        <Field
          id="token-label"
          label={
            <>
              {fields.label} <span className="font-normal text-slate-600">({common.optional})</span>
            </>
          }
          {...form.field("label")}
          maxLength={TOKEN_LABEL_MAX}
          autoComplete="off"
        />
        <Field
          id="token-password"
          label={fields.password}
          hint={t.tokenPasswordHint}
          {...form.field("password")}
          type="password"
          autoComplete="current-password"
          required
          maxLength={PASSWORD_MAX}
        />
        <button type="submit" className="btn-primary sm:mt-7" disabled={form.busy}>
          {form.busy ? t.tokenCreating : t.tokenCreate}
        </button>
      </form>
      {secret ? (
        <div className="alert-warn mt-3 grid gap-2">
          <p>{t.tokenShown}</p>
          <p className="flex flex-wrap items-center gap-2">
            <code className="rounded bg-white px-2 py-1 break-all" data-testid="new-token">
              {secret}
            </code>
            <button type="button" className="btn-secondary btn-small" onClick={() => void copy()}>
              {t.copy}
            </button>
          </p>
        </div>
      ) : null}
      <div className="mt-3" ref={heading} tabIndex={-1}>
        <OutcomeLine outcome={outcomeOf(form.error, null) ?? notice} />
      </div>
      {tokens.length === 0 ? (
        <p className="mt-3 text-slate-700">{t.noTokens}</p>
      ) : (
        <ul className="mt-3 grid gap-2">
          {tokens.map((k) => (
            <li key={k.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-slate-300 p-3">
              <span>
                <span className="font-semibold">{k.label}</span> <code className="text-slate-700">{k.prefix}…</code>
                <span className="block text-sm text-slate-600">
                  {t.createdAt} <LocalTime iso={k.createdAt} locale={dateLocale} dateStyle="medium" /> · {t.lastUsed}{" "}
                  {k.lastUsedAt ? <LocalTime iso={k.lastUsedAt} locale={dateLocale} dateStyle="medium" /> : t.never}
                </span>
              </span>
              {confirming === k.id ? (
                <span className="grid w-full gap-2 sm:w-auto">
                  <span id={`revoke-${k.id}-question`}>{format(t.revokeConfirm, { label: k.label })}</span>
                  <span className="flex flex-wrap gap-2">
                    <button
                      type="button"
                      className="btn-danger btn-small"
                      aria-describedby={`revoke-${k.id}-question`}
                      onClick={() => void revoke(k)}
                      autoFocus
                    >
                      {t.revokeYes}
                    </button>
                    <button type="button" className="btn-secondary btn-small" onClick={() => keep(k)}>
                      {t.revokeKeep}
                    </button>
                  </span>
                </span>
              ) : (
                <button
                  id={`revoke-${k.id}`}
                  type="button"
                  className="btn-danger btn-small"
                  aria-label={format(t.revokeLabel, { label: k.label })}
                  onClick={() => setConfirming(k.id)}
                >
                  {t.revoke}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
