/**
 * The one error model of the API: every refusal is an AppError with a stable code, rendered as
 * application/problem+json (RFC 9457). The human text of each code lives in lib/i18n/problems.ts.
 */
export const problemCodes = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  INVALID_ID: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  WRONG_PASSWORD: 403,
  NOT_TEAM_OWNER: 403,
  CROSS_ORIGIN_REQUEST: 403,
  FORBIDDEN: 403, // sent by nginx (e.g. /api/metrics from outside)
  NOT_FOUND: 404,
  SHEET_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  EMAIL_TAKEN: 409,
  COURSE_UNIT_CODE_TAKEN: 409,
  SHEET_CLOSED: 409,
  DEVICE_ALREADY_USED: 409,
  ATTENDANCE_REMOVED: 409,
  STUDENT_ALREADY_REGISTERED: 409,
  CORRECTION_USED: 409,
  CORRECTION_EXPIRED: 409,
  TICKET_OTHER_BROWSER: 403,
  OUTSIDE_CLASSROOM: 403,
  TYPING_PAUSED: 429,
  CODES_PAUSED: 429,
  QR_TOKEN_EXPIRED: 410,
  QR_TOKEN_INVALID: 400,
  DIGITS_INVALID: 400,
  TICKET_EXPIRED: 410,
  TICKET_INVALID: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ROSTER_FILE_INVALID: 422,
  TOO_MANY_ATTEMPTS: 429,
  TOO_MANY_REGISTRATIONS: 429,
  RATE_LIMITED: 429, // sent by nginx's per-address request limit
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ProblemCode = keyof typeof problemCodes;

export type FieldError = { field: string; code: string; message: string };

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ProblemCode,
    readonly options: {
      detail?: string;
      errors?: FieldError[];
      headers?: Record<string, string>;
      /** Values substituted into the localised text, e.g. {seconds} in TOO_MANY_ATTEMPTS. */
      params?: Record<string, string | number>;
    } = {},
  ) {
    super(options.detail ?? code);
    this.status = problemCodes[code];
  }
}

export const notFound = (what: "sheet" | "token" | "attendance" | "courseUnit" | "route" | "teacher" | "student") =>
  new AppError(what === "sheet" ? "SHEET_NOT_FOUND" : "NOT_FOUND", { params: { what } });
