import type { InputHTMLAttributes, ReactNode } from "react";

type FieldProps = { id: string; label: ReactNode; hint?: ReactNode; error?: string; inputClassName?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "id" | "className"
>;

/**
 * A labelled text input with an optional hint and, after a refused submit, what is wrong with it: both
 * below it, and read with it by assistive technology.
 */
export function Field({ id, label, hint, error, inputClassName, "aria-describedby": describedBy, ...input }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const described = [errorId, hintId, describedBy].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <input
        id={id}
        className={inputClassName ? `input ${inputClassName}` : "input"}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        {...input}
      />
      <FieldError id={errorId} error={error} />
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** What is wrong with a field, under it; also used by the selects that are not a Field. */
export function FieldError({ id, error }: { id: string | undefined; error: string | undefined }) {
  return error ? (
    <p id={id} className="field-error">
      {error}
    </p>
  ) : null;
}
