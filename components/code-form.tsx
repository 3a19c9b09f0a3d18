import type { Messages } from "@/lib/i18n/messages";

/** Sheet code + rotating digits, typed by hand; works without JavaScript (GET /c redirects). */
export function CodeForm({ t, fields, idPrefix = "code" }: { t: Messages["home"]; fields: Messages["fields"]; idPrefix?: string }) {
  return (
    <form method="get" action="/c" className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
      <div>
        <label htmlFor={`${idPrefix}-code`} className="label">
          {fields.code}
        </label>
        <input
          id={`${idPrefix}-code`}
          name="code"
          className="input font-mono uppercase tracking-widest"
          required
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={9}
          aria-describedby={`${idPrefix}-code-hint`}
        />
        <p id={`${idPrefix}-code-hint`} className="hint">
          {t.codeHint}
        </p>
      </div>
      <div>
        <label htmlFor={`${idPrefix}-digits`} className="label">
          {fields.digits}
        </label>
        <input
          id={`${idPrefix}-digits`}
          name="digits"
          className="input font-mono tracking-widest"
          required
          inputMode="numeric"
          autoComplete="off"
          pattern="[0-9 ]{4,5}"
          maxLength={5}
          aria-describedby={`${idPrefix}-digits-hint`}
        />
        <p id={`${idPrefix}-digits-hint`} className="hint">
          {t.digitsHint}
        </p>
      </div>
      <button type="submit" className="btn-primary sm:mb-7">
        {t.continue}
      </button>
    </form>
  );
}
