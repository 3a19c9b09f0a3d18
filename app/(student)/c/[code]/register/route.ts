/**
 * The check-in form's plain post, for a phone whose scripts have not arrived (or never will): it
 * registers exactly as the API does and answers with a redirect to the sheet's page, which then shows
 * the receipt, or the refusal with the form again.
 */
import { cookies, headers } from "next/headers";
import { NextResponse, type NextRequest } from "next/server";
import { sheetCodeSchema } from "@/lib/validations/checkin";
import { register } from "@/server/checkin";
import { config } from "@/server/config";
import { AppError } from "@/server/errors";
import { clientAddress } from "@/server/http/client-address";
import { BROWSER_COOKIE, readBrowser } from "@/server/presence/browser-key";
import { checkinSchema } from "@/server/student-input";

const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

export async function POST(request: NextRequest, { params }: { params: Promise<{ code: string }> }) {
  const code = sheetCodeSchema.safeParse((await params).code);
  if (!code.success) return NextResponse.redirect(new URL("/", config().PUBLIC_ORIGIN), 303);
  const page = new URL(`/c/${code.data}`, config().PUBLIC_ORIGIN);
  const form = await request.formData().catch(() => new FormData());
  const ticket = field(form, "ticket") ?? "";
  const parsed = checkinSchema.safeParse({ ticket, studentNumber: field(form, "studentNumber"), name: field(form, "name") });
  const [jar, head] = await Promise.all([cookies(), headers()]);
  try {
    if (!parsed.success) throw new AppError("VALIDATION_FAILED");
    const client = { browser: readBrowser(jar.get(BROWSER_COOKIE)?.value), address: clientAddress(head) };
    await register(code.data, parsed.data, client);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    page.searchParams.set("e", err.code);
    // The ticket works only in this browser; handing it back lets the student fix a field and send again.
    if (err.code === "VALIDATION_FAILED" && ticket.length <= 200) page.searchParams.set("k", ticket);
  }
  return NextResponse.redirect(page, 303);
}
