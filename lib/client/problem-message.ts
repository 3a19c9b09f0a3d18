/** Turns a failed request into one sentence for the person, in the page's language. */
import { format, type Messages } from "@/lib/i18n/messages";
import { ApiProblem, OfflineError } from "./api";

export type FieldLabels = Record<string, string>;

export function problemMessage(err: unknown, common: Messages["common"], labels: FieldLabels = {}): string {
  if (err instanceof OfflineError) return common.offlineNow;
  if (!(err instanceof ApiProblem)) return common.unexpected;
  if (err.code === "VALIDATION_FAILED" && err.errors.length > 0) {
    const fields = [...new Set(err.errors.map((e) => labels[e.field] ?? e.field))];
    return format(common.checkFields, { fields: fields.join(", ") });
  }
  return err.detail ? `${err.title}. ${err.detail}` : err.title;
}
