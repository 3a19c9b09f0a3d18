import type { Messages } from "@/lib/i18n/messages";
import { Field } from "@/components/field";

/** Sheet code + rotating digits, typed by hand; works without JavaScript (GET /c redirects). */
export function CodeForm({ t, fields, idPrefix = "code" }: { t: Messages["home"]; fields: Messages["fields"]; idPrefix?: string }) {
  return (
    <form method="get" action="/c" className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
      <Field
        id={`${idPrefix}-code`}
        label={fields.code}
        hint={t.codeHint}
        name="code"
        inputClassName="font-mono uppercase tracking-widest"
        required
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={9}
      />
      <Field
        id={`${idPrefix}-digits`}
        label={fields.digits}
        hint={t.digitsHint}
        name="digits"
        inputClassName="font-mono tracking-widest"
        required
        inputMode="numeric"
        autoComplete="off"
        pattern="[0-9 ]{4,5}"
        maxLength={5}
      />
      <button type="submit" className="btn-primary sm:mb-7">
        {t.continue}
      </button>
    </form>
  );
}
