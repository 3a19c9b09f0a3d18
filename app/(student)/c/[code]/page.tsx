import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import Link from "next/link";
import { CodeForm } from "@/components/code-form";
import { isProblemCode, problemText } from "@/lib/i18n/problems";
import { sheetCodeSchema } from "@/lib/validations/checkin";
import { correctionOpen, exchangeForTicket, ownReceipt } from "@/server/checkin";
import { clientAddress } from "@/server/http/client-address";
import { BROWSER_COOKIE, readBrowser } from "@/server/presence/browser-key";
import { describeSheet } from "@/server/sheets";
import { AppError } from "@/server/errors";
import { getMessages } from "@/server/i18n";
import { Checkin } from "./checkin";

type Props = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).t.checkin.title };
}

/** The sheet, or the refusal to show (an unknown code, or look-ups paused for this address). */
async function findSheet(raw: string, client: { address: string | null; token?: string }) {
  const code = sheetCodeSchema.safeParse(raw);
  if (!code.success) return { refusal: "SHEET_NOT_FOUND" as const, params: {} };
  try {
    return { sheet: await describeSheet(code.data, client) };
  } catch (err) {
    if (err instanceof AppError && (err.code === "SHEET_NOT_FOUND" || err.code === "CODES_PAUSED")) {
      return { refusal: err.code, params: err.options.params ?? {} };
    }
    throw err;
  }
}

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

/**
 * The scanned code is exchanged for a ticket here, while the page renders: the request reaches the server
 * within a round trip of the scan however slowly the page then loads, so the QR's window only has to
 * cover that first request. The page's form posts without JavaScript (register/route.ts) and is
 * enhanced when the scripts arrive; a browser that already registered sees its receipt again.
 */
export default async function CheckinPage({ params, searchParams }: Props) {
  const [{ code }, query, { locale, t }, jar, head] = await Promise.all([params, searchParams, getMessages(), cookies(), headers()]);
  const token = one(query.t);
  const found = await findSheet(code, { address: clientAddress(head), token });
  const { sheet } = found;
  if (!sheet) {
    const text = problemText(found.refusal, locale, found.params);
    return (
      <div className="grid gap-4">
        <h1 className="text-2xl font-bold">{found.refusal === "CODES_PAUSED" ? text.title : t.checkin.notFoundTitle}</h1>
        <p className="alert-error" role="alert">
          {text.detail}
        </p>
        <CodeForm t={t.home} fields={t.fields} typed={{ code, digits: one(query.d), codeError: text.title }} />
        <p>
          <Link href="/scan" className="link">
            {t.checkin.scanAgain}
          </Link>
        </p>
      </div>
    );
  }
  const browser = readBrowser(jar.get(BROWSER_COOKIE)?.value);
  const digits = one(query.d);
  const receipt = await ownReceipt(sheet.code, browser);
  let ticket: { ticket: string; expiresAt: string } | undefined;
  let problem = one(query.e);
  let problemParams: Record<string, string | number> = {};
  if (sheet.status === "open" && browser && (token || digits) && (!receipt || correctionOpen(receipt))) {
    try {
      const issued = await exchangeForTicket(sheet.code, token ? { token } : { digits }, { browser, address: clientAddress(head) });
      ticket = { ticket: issued.ticket, expiresAt: issued.expiresAt.toISOString() };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      problem = err.code;
      problemParams = err.options.params ?? {};
    }
  }
  const kept = one(query.k);
  if (!ticket && kept) ticket = { ticket: kept, expiresAt: "" };
  const problemCode = problem && isProblemCode(problem) ? problem : undefined;
  return (
    <Checkin
      sheet={sheet}
      token={browser ? undefined : token}
      digits={browser ? undefined : digits}
      ticket={ticket}
      problem={problemCode ? problemText(problemCode, locale, problemParams) : undefined}
      problemCode={problemCode}
      receipt={receipt ? { ...receipt, createdAt: receipt.createdAt.toISOString(), canCorrect: correctionOpen(receipt) } : undefined}
      locale={locale}
      t={t.checkin}
      fields={t.fields}
      common={t.common}
      closedText={problemText("SHEET_CLOSED", locale)}
    />
  );
}
