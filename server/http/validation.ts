/** Turns zod issues into the field errors of a VALIDATION_FAILED problem. */
import type { z } from "zod";
import { AppError, type FieldError } from "../errors";

export function fieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        field: base ? `${base}.${key}` : key,
        code: "unknown_field",
        message: `Unknown field "${key}".`,
      }));
    }
    // A rule's own code (the shared text rules give one) is more telling than zod's "custom".
    const code = issue.code === "custom" && typeof issue.params?.code === "string" ? issue.params.code : issue.code;
    return [{ field: base || "(body)", code, message: issue.message }];
  });
}

export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown, where: "body" | "query" | "path"): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError("VALIDATION_FAILED", {
    errors: fieldErrors(result.error, where === "body" ? undefined : where),
  });
}
