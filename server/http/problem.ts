/** Renders errors as application/problem+json; unknown errors never leak their message or stack. */
import { negotiateLocale } from "@/lib/i18n/locales";
import { problemText } from "@/lib/i18n/problems";
import { AppError, type ProblemCode } from "../errors";
import { isDatabaseUnavailable } from "./database-errors";

export const PROBLEM_TYPE_BASE = "https://presenca.dev/problems/";

export function problemResponse(error: AppError, request: { requestId: string; acceptLanguage: string | null }): Response {
  const locale = negotiateLocale(request.acceptLanguage);
  const text = problemText(error.code, locale, error.options.params);
  const body = {
    type: `${PROBLEM_TYPE_BASE}${error.code.toLowerCase().replaceAll("_", "-")}`,
    title: text.title,
    status: error.status,
    code: error.code,
    detail: error.options.detail ?? text.detail,
    ...(error.options.errors ? { errors: error.options.errors } : {}),
    requestId: request.requestId,
  };
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: {
      "content-type": "application/problem+json; charset=utf-8",
      "content-language": locale,
      "cache-control": "no-store",
      "x-request-id": request.requestId,
      ...error.options.headers,
    },
  });
}

/** Maps anything thrown to the AppError a client may see. */
export function toAppError(err: unknown): { error: AppError; unexpected: boolean } {
  if (err instanceof AppError) return { error: err, unexpected: false };
  if (isDatabaseUnavailable(err)) {
    return { error: new AppError("SERVICE_UNAVAILABLE", { headers: { "retry-after": "2" } }), unexpected: false };
  }
  return { error: new AppError("INTERNAL_ERROR"), unexpected: true };
}

export function problem(code: ProblemCode, options?: ConstructorParameters<typeof AppError>[1]): AppError {
  return new AppError(code, options);
}
