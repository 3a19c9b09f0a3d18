/**
 * The language switch's form posts here: the choice goes into a cookie for a year and the visitor
 * returns to the page they were on (same origin only; anything else goes home).
 */
import { z } from "zod";
import { locales } from "@/lib/i18n/locales";
import { config } from "@/server/config";
import { AppError } from "@/server/errors";
import { problemResponse } from "@/server/http/problem";
import { LOCALE_COOKIE } from "@/server/i18n";

const formSchema = z.object({ locale: z.enum(locales) });

function returnPath(referer: string | null): string {
  if (!referer) return "/";
  try {
    const url = new URL(referer);
    return url.origin === config().PUBLIC_ORIGIN ? `${url.pathname}${url.search}` : "/";
  } catch {
    return "/";
  }
}

export async function POST(request: Request): Promise<Response> {
  const form = await request.formData().catch(() => null);
  const parsed = formSchema.safeParse({ locale: form?.get("locale") });
  if (!parsed.success) {
    return problemResponse(
      new AppError("VALIDATION_FAILED", {
        errors: [{ field: "locale", code: "invalid", message: `must be one of ${locales.join(", ")}` }],
      }),
      { requestId: crypto.randomUUID(), acceptLanguage: request.headers.get("accept-language") },
    );
  }
  const secure = config().PUBLIC_ORIGIN.startsWith("https:") ? "; Secure" : "";
  return new Response(null, {
    status: 303,
    headers: {
      location: returnPath(request.headers.get("referer")),
      "set-cookie": `${LOCALE_COOKIE}=${parsed.data.locale}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`,
      "cache-control": "no-store",
    },
  });
}
