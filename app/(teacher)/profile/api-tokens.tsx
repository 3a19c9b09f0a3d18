"use client";
import { useState, type FormEvent } from "react";
import { LocalTime } from "@/components/local-time";
import { api } from "@/lib/client/api";
import { problemMessage } from "@/lib/client/problem-message";
import type { Locale } from "@/lib/i18n/locales";
import { format, intlLocale, type Messages } from "@/lib/i18n/messages";
import { OutcomeLine, Section } from "./profile-forms";
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

/** Personal API tokens: created with the password (as the API requires), shown once, revocable. */
export function ApiTokens({ email, locale, initial, t, fields, common }: Props) {
  const [tokens, setTokens] = useState(initial);
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const dateLocale = intlLocale(locale);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    setOutcome(null);
    try {
      const created = await api<Token & { token: string }>("/api/tokens", {
        method: "POST",
        body: { email, password: data.get("password"), label: String(data.get("label") ?? "").trim() || undefined },
      });
      const { token, ...shown } = created;
      setTokens((list) => [shown, ...list]);
      setSecret(token);
      form.reset();
    } catch (err) {
      setOutcome({ ok: false, text: problemMessage(err, common, { password: fields.password, label: fields.label }) });
    }
    setBusy(false);
  }

  async function revoke(token: Token) {
    try {
      await api(`/api/tokens/${token.id}`, { method: "DELETE" });
      setTokens((list) => list.filter((k) => k.id !== token.id));
      setOutcome({ ok: true, text: t.revoked });
    } catch (err) {
      setOutcome({ ok: false, text: problemMessage(err, common) });
    }
  }

  async function copy() {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
      setOutcome({ ok: true, text: t.copied });
    } catch {
      // No clipboard access: the token stays selectable on screen.
    }
  }

  return (
    <Section id="tokens" title={t.tokensTitle}>
      <p className="mt-1 text-slate-700">{t.tokensLead}</p>
      <form onSubmit={create} className="mt-3 grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <Field
          id="token-label"
          label={<>{fields.label} <span className="font-normal text-slate-600">({common.optional})</span></>}
          name="label"
          maxLength={80}
          autoComplete="off"
        />
        <Field
          id="token-password"
          label={fields.password}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-describedby="token-password-hint"
        />
        <button type="submit" className="btn-primary" disabled={busy}>
          {busy ? t.tokenCreating : t.tokenCreate}
        </button>
        <p id="token-password-hint" className="hint sm:col-span-3 sm:-mt-2">
          {t.tokenPasswordHint}
        </p>
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
      <div className="mt-3">
        <OutcomeLine outcome={outcome} />
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
              <button type="button" className="btn-danger btn-small" aria-label={format(t.revokeLabel, { label: k.label })} onClick={() => void revoke(k)}>
                {t.revoke}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
