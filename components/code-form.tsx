import type { Messages } from "@/lib/i18n/messages";
import { DIGITS_INPUT_MAX, DIGITS_INPUT_PATTERN, SHEET_CODE_INPUT_MAX } from "@/lib/validations/limits";
import { Field } from "@/components/field";

type Props = {
  t: Messages["home"];
  fields: Messages["fields"];
  idPrefix?: string;
  /** What the student typed, given back when the code was not found, so only the wrong part is retyped. */
  typed?: { code?: string; digits?: string; codeError?: string };
};

/**
 * Sheet code + rotating digits, typed by hand; works without JavaScript (GET /c redirects). The inputs
 * line up from the top, whatever the length of the hints under them.
 */
export function CodeForm({ t, fields, idPrefix = "code", typed }: Props) {
  return (
    <form method="get" action="/c" className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
      <Field
        id={`${idPrefix}-code`}
        label={fields.code}
        hint={t.codeHint}
        error={typed?.codeError}
        name="code"
        defaultValue={typed?.code?.slice(0, SHEET_CODE_INPUT_MAX)}
        inputClassName="font-mono uppercase tracking-widest"
        required
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={SHEET_CODE_INPUT_MAX}
      />
      <Field
        id={`${idPrefix}-digits`}
        label={fields.digits}
        hint={t.digitsHint}
        name="digits"
        defaultValue={typed?.digits?.slice(0, DIGITS_INPUT_MAX)}
        inputClassName="font-mono tracking-widest"
        required
        inputMode="numeric"
        autoComplete="off"
        pattern={DIGITS_INPUT_PATTERN}
        maxLength={DIGITS_INPUT_MAX}
      />
      <button type="submit" className="btn-primary sm:mt-7">
        {t.continue}
      </button>
    </form>
  );
}
