/** Downloads: an exported file as an attachment, in the language the caller asked for or reads. */
import { negotiateLocale, type Locale } from "@/lib/i18n/locales";
import type { ExportFile } from "../export";
import type { ApiRequest } from "./endpoint";

export const exportLocale = (request: ApiRequest, lang: Locale | undefined): Locale =>
  lang ?? negotiateLocale(request.headers.get("accept-language"));

export function fileResponse(file: ExportFile): Response {
  return new Response(typeof file.body === "string" ? file.body : new Uint8Array(file.body), {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
    },
  });
}
