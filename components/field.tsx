import type { InputHTMLAttributes, ReactNode } from "react";

type FieldProps = { id: string; label: ReactNode; hint?: ReactNode; inputClassName?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "id" | "className"
>;

/** A labelled text input with an optional hint below it, which assistive technology reads with it. */
export function Field({ id, label, hint, inputClassName, ...input }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <input id={id} className={inputClassName ? `input ${inputClassName}` : "input"} aria-describedby={hintId} {...input} />
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
