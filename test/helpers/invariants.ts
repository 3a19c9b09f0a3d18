/**
 * Rules the stored data must obey whatever the API was sent, checked with SQL: each query returns the
 * offending rows, so a failure names them.
 */
import { db } from "./api";

// The shared text rules (lib/validations/text.ts): no control characters, line or paragraph separators,
// nor bidirectional formatting characters.
const DIRECTION = "\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\u2028\\u2029";
const NAME_FORBIDDEN = `[\\x01-\\x1f\\x7f-\\x9f${DIRECTION}]`;
const SUMMARY_FORBIDDEN = `[\\x01-\\x08\\x0b-\\x1f\\x7f-\\x9f${DIRECTION}]`;
const CONTROL = "[\\x01-\\x1f\\x7f-\\x9f]";

const rules: Record<string, string> = {
  "attendance without a sheet": "SELECT a.id FROM attendances a LEFT JOIN sheets s ON s.id = a.sheet_id WHERE s.id IS NULL",
  "student name out of limits": "SELECT id, name FROM attendances WHERE char_length(name) NOT BETWEEN 2 AND 120",
  "student name with control or bidi characters": `SELECT id, name FROM attendances WHERE name ~ '${NAME_FORBIDDEN}'`,
  "student name not trimmed, not folded or not NFC":
    "SELECT id, name FROM attendances WHERE name <> btrim(name) OR name ~ '\\s\\s' OR NOT name IS NFC NORMALIZED",
  "student number not normalised": "SELECT id, student_number FROM attendances WHERE student_number !~ '^[A-Z0-9]{1,20}$'",
  "check-in without a device, or a teacher entry with one":
    "SELECT id FROM attendances WHERE (method = 'teacher') <> (device_hash IS NULL)",
  "removal half recorded": "SELECT id FROM attendances WHERE (removed_at IS NULL) <> (removed_by_id IS NULL)",
  "teacher name out of limits or with control characters": `SELECT id, name FROM teachers WHERE char_length(name) NOT BETWEEN 2 AND 120 OR name ~ '${NAME_FORBIDDEN}' OR name <> btrim(name) OR NOT name IS NFC NORMALIZED`,
  "teacher e-mail not normalised":
    "SELECT id, email FROM teachers WHERE email <> lower(btrim(email)) OR email !~ '^[^@\\s]+@[^@\\s]+$' OR char_length(email) > 254",
  "password stored in clear": "SELECT id FROM teachers WHERE password_hash !~ '^scrypt\\$'",
  "course unit out of limits": `SELECT id, code, name FROM course_units WHERE code !~ '^[A-Z0-9][A-Z0-9._-]{1,19}$' OR char_length(name) NOT BETWEEN 2 AND 160 OR name ~ '${NAME_FORBIDDEN}' OR NOT name IS NFC NORMALIZED`,
  "sheet summary out of limits": `SELECT id, summary FROM sheets WHERE char_length(summary) > 500 OR summary ~ '${SUMMARY_FORBIDDEN}' OR NOT summary IS NFC NORMALIZED`,
  "sheet closed without time, or open with one": "SELECT id FROM sheets WHERE (status = 'closed') <> (closed_at IS NOT NULL)",
  "sheet code not typeable": "SELECT id, code FROM sheets WHERE code !~ '^[34679ACDEFGHJKMNPQRTUVWXY]{6}$'",
  "roster entry not normalised or out of limits": `SELECT id, student_number, name FROM roster_students WHERE student_number !~ '^[A-Z0-9]{1,20}$' OR char_length(name) NOT BETWEEN 2 AND 120
       OR name ~ '${NAME_FORBIDDEN}' OR name <> btrim(name) OR NOT name IS NFC NORMALIZED OR email <> lower(btrim(email))
       OR char_length(class_group) NOT BETWEEN 1 AND 40 OR class_group ~ '${NAME_FORBIDDEN}'`,
  "status note out of limits": `SELECT id, status_note FROM attendances WHERE char_length(status_note) NOT BETWEEN 1 AND 200 OR status_note ~ '${NAME_FORBIDDEN}'`,
  "team owner also listed as a member":
    "SELECT m.course_unit_id FROM course_unit_members m JOIN course_units cu ON cu.id = m.course_unit_id WHERE cu.owner_id = m.teacher_id",
  "API token label out of limits or stored in clear": `SELECT id, label FROM api_tokens WHERE char_length(label) NOT BETWEEN 1 AND 80 OR label ~ '${CONTROL}' OR token_hash !~ '^[A-Za-z0-9_-]{43}$' OR prefix !~ '^prs_'`,
};

/** Every rule broken, with up to three offending rows each. */
export async function brokenInvariants(): Promise<string[]> {
  const broken: string[] = [];
  for (const [name, sql] of Object.entries(rules)) {
    const { rows } = await db().query(`${sql} LIMIT 3`);
    if (rows.length > 0) broken.push(`${name}: ${JSON.stringify(rows)}`);
  }
  return broken;
}
