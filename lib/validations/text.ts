/**
 * One set of rules for text that other people see: teacher names, course-unit names, sheet summaries,
 * student names, class groups and status notes. Shared by the API and the pages.
 *
 * - Composed to NFC and trimmed; a one-line text also has its runs of white space (tabs and line breaks
 *   included) folded to one space, a multi-line one has its line ends made "\n".
 * - No control characters (a multi-line text keeps "\n" and tab) and no line or paragraph separators.
 * - No bidirectional formatting characters: the embeddings and overrides U+202A–U+202E, the isolates
 *   U+2066–U+2069 and the marks U+200E, U+200F and U+061C. They reorder what a reader sees (a name
 *   shown as "Ana exe.gnp" that is stored as something else); right-to-left scripts need none of them.
 * - At least one visible character: a letter, digit, punctuation mark or symbol that is not a
 *   default-ignorable one (zero-width spaces and joiners, Hangul fillers, variation selectors) nor the
 *   blank braille pattern. Combining marks alone do not count.
 * Each refusal is a field error with its own stable code (text-codes.ts), worded in the page's language by
 * lib/client/problem-message.ts.
 */
import { z } from "zod";
import { textProblems } from "./text-codes";

const controlsOneLine = /[\p{Cc}\u2028\u2029]/u;
const controlsMultiLine = /(?![\t\n])[\p{Cc}\u2028\u2029]/u;
const directionControls = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const visibleCharacter = /(?![\p{Default_Ignorable_Code_Point}\u2800])[\p{L}\p{N}\p{P}\p{S}]/u;

/** NFC, trimmed, runs of white space folded to one space. */
export function normaliseLine(raw: string): string {
  return raw.normalize("NFC").replace(/\s+/gu, " ").trim();
}

/** NFC, trimmed, line ends made "\n". */
export function normaliseLines(raw: string): string {
  return raw.normalize("NFC").replace(/\r\n?/g, "\n").trim();
}

export const hasVisibleCharacter = (s: string) => visibleCharacter.test(s);

type Options = { multiline?: boolean; allowEmpty?: boolean };

/** The first rule a normalised text breaks, or null. */
export function textProblem(s: string, { multiline = false, allowEmpty = false }: Options = {}): keyof typeof textProblems | null {
  if ((multiline ? controlsMultiLine : controlsOneLine).test(s)) return "control";
  if (directionControls.test(s)) return "direction";
  if (!(allowEmpty && s === "") && !hasVisibleCharacter(s)) return "invisible";
  return null;
}

/** A string normalised and held to the rules above; callers add their own length limits. */
export function displayTextSchema(options: Options = {}) {
  return z
    .string({ error: "must be a string" })
    .transform(options.multiline ? normaliseLines : normaliseLine)
    .superRefine((s, ctx) => {
      const problem = textProblem(s, options);
      if (problem) ctx.addIssue({ code: "custom", message: textProblems[problem].message, params: { code: textProblems[problem].code } });
    });
}
