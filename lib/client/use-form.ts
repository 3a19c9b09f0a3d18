"use client";
/**
 * What every client form needs around its request: busy while sending, one summary of what went
 * wrong, and each field's own problem (from the browser's checks of the input's limits, or from the
 * API's field errors) shown under it, listed in the form's order, with focus moved to the first.
 */
import { useEffect, useRef, useState, type FormEvent } from "react";
import { format, type Messages } from "@/lib/i18n/messages";
import { ApiProblem } from "./api";
import { fieldProblemText, problemMessage, validityText, type FieldLabels } from "./problem-message";

export type FieldErrors = Record<string, string>;

/** A refusal the form words itself (a wrong password, say), optionally pinned to fields. */
export class FormError extends Error {
  constructor(
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
  }
}

/** The form's text values by name ("" for a missing or file value). */
export type FormValues = (name: string) => string;

/** What a submit handler returns: "leave" keeps the form busy while the page navigates away. */
type Action = (values: FormValues, form: HTMLFormElement) => Promise<"leave" | void>;

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
const isControl = (el: Element): el is Control =>
  el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement;

function controls(form: HTMLFormElement): Control[] {
  return [...form.elements].filter(isControl).filter((el) => el.name && el.type !== "hidden");
}

export function useForm(common: Messages["common"], labels: FieldLabels) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const focusIn = useRef<HTMLFormElement | null>(null);

  useEffect(() => {
    const form = focusIn.current;
    focusIn.current = null;
    form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [fieldErrors]);

  /** Shows the fields' problems in the form's order, and a summary naming each with what is wrong. */
  function showFields(form: HTMLFormElement, problems: FieldErrors, lead?: string) {
    const order = controls(form).map((el) => el.name);
    const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
    const names = Object.keys(problems).sort((a, b) => rank(a) - rank(b));
    const listed = names.map((name) => `${labels[name] ?? name} (${problems[name]})`).join("; ");
    setError(lead ?? format(common.checkFields, { fields: listed }));
    focusIn.current = form;
    setFieldErrors(Object.fromEntries(names.filter((n) => order.includes(n)).map((n) => [n, problems[n] ?? ""])));
  }

  function failed(form: HTMLFormElement, err: unknown) {
    if (err instanceof FormError) return showFields(form, err.fields, err.message);
    if (err instanceof ApiProblem && err.errors.length > 0) {
      const problems: FieldErrors = {};
      for (const e of err.errors) problems[e.field] ??= fieldProblemText(e, common.fieldProblems);
      // A refusal other than validation (a wrong current password, a taken e-mail) keeps its own message.
      return showFields(form, problems, err.code === "VALIDATION_FAILED" ? undefined : problemMessage(err, common, labels));
    }
    setFieldErrors({});
    setError(problemMessage(err, common, labels));
  }

  const submit = (action: Action) => async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const invalid = controls(form).filter((el) => !el.validity.valid);
    if (invalid.length > 0) {
      showFields(form, Object.fromEntries(invalid.map((el) => [el.name, validityText(el, common.fieldProblems)])));
      return;
    }
    const data = new FormData(form);
    const values: FormValues = (name) => {
      const value = data.get(name);
      return typeof value === "string" ? value : "";
    };
    setBusy(true);
    setError(null);
    setFieldErrors({});
    let leaving = false;
    try {
      leaving = (await action(values, form)) === "leave";
    } catch (err) {
      failed(form, err);
    }
    if (!leaving) setBusy(false);
  };

  /** The props that tie a Field to its problem. */
  const field = (name: string) => ({ name, error: fieldErrors[name] });

  return { busy, error, submit, field };
}
