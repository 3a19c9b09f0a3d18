/**
 * The browser's side of the REST API: JSON in and out, refusals as ApiProblem carrying the stable
 * problem code, and a lost connection as OfflineError, so each page can say what happened and what next.
 */
import type { ProblemCode } from "@/server/errors";

export type FieldProblem = { field: string; code: string; message: string };

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    /** The server's title and detail, already in the page's language (sent as Accept-Language). */
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(code);
  }
}

/** The request never reached the server, or its answer never came back. */
export class OfflineError extends Error {}

type Options = { method?: string; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal };

export async function apiFetch(path: string, options: Options = {}): Promise<Response> {
  const headers: Record<string, string> = {
    accept: "application/json",
    "accept-language": document.documentElement.lang || "en",
    ...options.headers,
  };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: "no-store",
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new OfflineError("network");
  }
  if (response.status >= 400) throw await toProblem(response);
  return response;
}

export async function api<T>(path: string, options: Options = {}): Promise<T> {
  const response = await apiFetch(path, options);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

async function toProblem(response: Response): Promise<ApiProblem> {
  try {
    const body = (await response.json()) as { code?: ProblemCode; title?: string; detail?: string; errors?: FieldProblem[] };
    if (body.code) return new ApiProblem(response.status, body.code, body.title ?? body.code, body.detail ?? "", body.errors ?? []);
  } catch {
    // Not problem+json (a proxy's error page): reported as the service being unavailable.
  }
  return new ApiProblem(response.status, "SERVICE_UNAVAILABLE", response.statusText, "");
}
