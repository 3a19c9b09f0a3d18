/**
 * Turns an operation of the OpenAPI document into an arbitrary of hostile requests, and sends them.
 * Fields get values by their documented name and type: mostly well-formed (so requests reach the domain
 * code), with one part made hostile, and now and then the whole body, path or query broken on purpose.
 */
import { randomBytes, randomUUID } from "node:crypto";
import fc from "fast-check";
import { SHEET_CODE_ALPHABET } from "@/lib/validations/checkin";
import { qrDigits, qrToken, signTicket, windowAt } from "../helpers/forge";
import { cookieOf } from "../helpers/api";
import type { JsonSchema, Operation } from "../helpers/openapi";
import { headerString, hostileString, malformedJson, unicodeEdgeCases, wrongType } from "./hostile";
import { FUZZ_DOMAIN, Live, type SheetFixture, type Who, type World } from "./world";

/** A path segment sent exactly as written, percent signs included. */
export class RawSegment {
  constructor(readonly text: string) {}
  [fc.toStringMethod](): string {
    return `raw(${JSON.stringify(this.text)})`;
  }
}

type Value = string | Live | RawSegment;

export type Auth =
  | { kind: "token"; who: Who }
  | { kind: "session"; origin: "same" | "cross" | "null" | "absent"; site?: "cross-site" | "same-origin" }
  | { kind: "revoked" }
  | { kind: "header"; value: string }
  | { kind: "none" };

export type Body =
  | { kind: "json"; value: unknown; contentType?: string }
  | { kind: "file"; bytes: Live; contentType: string }
  | { kind: "text"; text: string; contentType: string }
  | { kind: "bytes"; hex: string }
  | { kind: "huge"; size: number; declared: boolean }
  | { kind: "none" };

export type FuzzRequest = {
  params: Record<string, Value>;
  query: [string, Value][];
  rawQuery?: string;
  auth: Auth;
  body: Body;
  headers: Record<string, string>;
};

// ---------------------------------------------------------------- values by meaning
//
// Each field has well-formed values (which may still be refused: a closed sheet, an expired ticket) and
// hostile ones. A request is mostly well-formed with one part made hostile, so that most requests get
// past validation into the domain code, and every kind of breakage is still tried.

type Field = { good: fc.Arbitrary<unknown>; bad: fc.Arbitrary<unknown> };

const badString: fc.Arbitrary<unknown> = fc.oneof({ weight: 4, arbitrary: hostileString }, { weight: 1, arbitrary: wrongType });

const unique = (label: string, make: (n: string) => string) =>
  fc.constant(new Live(label, () => make(randomBytes(5).toString("hex").toUpperCase())));

const rawSegment = fc.constantFrom("%ZZ", "%E0%A4%A", "%", "%00", "a%2Fb", "%C0%AF", "%ED%A0%80", "%FF%FE").map((t) => new RawSegment(t));

const flipLast = (s: string) => s.slice(0, -1) + (s.endsWith("A") ? "B" : "A");

function sheetIdField(): Field {
  return {
    good: fc.oneof(
      { weight: 6, arbitrary: fc.constant(new Live("open sheet id", (w) => w.open.id)) },
      { weight: 2, arbitrary: fc.constant(new Live("closed sheet id", (w) => w.closed.id)) },
      { weight: 2, arbitrary: fc.constant(new Live("other teacher's sheet id", (w) => w.othersSheet.id)) },
      { weight: 1, arbitrary: fc.constant(new Live("open sheet id in capitals", (w) => w.open.id.toUpperCase())) },
      { weight: 1, arbitrary: fc.uuid() },
    ),
    bad: fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 1, arbitrary: rawSegment }),
  };
}

function courseUnitIdField(): Field {
  return {
    good: fc.oneof(
      { weight: 6, arbitrary: fc.constant(new Live("owner's team unit id", (w) => w.teamUnit)) },
      { weight: 2, arbitrary: fc.constant(new Live("other teacher's team unit id", (w) => w.othersUnit)) },
      { weight: 1, arbitrary: fc.uuid() },
    ),
    bad: fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 1, arbitrary: rawSegment }),
  };
}

function studentNumberField(world: World): Field {
  const valid = fc.stringMatching(/^[A-Z0-9]{1,20}$/);
  return {
    good: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...world.students.map((n) => new Live(`student ${n}`, () => n))) },
      { weight: 3, arbitrary: valid },
      { weight: 1, arbitrary: valid.map((n) => ` ${n.toLowerCase().split("").join(" ")} `) },
    ),
    bad: fc.oneof({ weight: 3, arbitrary: badString }, { weight: 1, arbitrary: rawSegment }),
  };
}

const sheetCode = (label: string, pick: (w: World) => SheetFixture) => new Live(label, (w) => pick(w).code);

const codeField: Field = {
  good: fc.oneof(
    { weight: 8, arbitrary: fc.constant(sheetCode("open sheet code", (w) => w.open)) },
    { weight: 2, arbitrary: fc.constant(sheetCode("closed sheet code", (w) => w.closed)) },
    { weight: 1, arbitrary: fc.constant(sheetCode("other teacher's sheet code", (w) => w.othersSheet)) },
    {
      weight: 1,
      arbitrary: fc.constant(
        new Live("open sheet code, lower case with a dash", (w) => `${w.open.code.slice(0, 3)}-${w.open.code.slice(3)}`.toLowerCase()),
      ),
    },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...SHEET_CODE_ALPHABET), minLength: 6, maxLength: 6 }) },
  ),
  bad: fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 1, arbitrary: rawSegment }),
};

const tokenIdField: Field = {
  good: fc.oneof(
    fc.constant("current"),
    fc.constant(new Live("owner's spare token id", (w) => w.disposableTokenId("owner"))),
    fc.constant(new Live("other teacher's token id", (w) => w.disposableTokenId("other"))),
    fc.uuid(),
  ),
  bad: fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 1, arbitrary: rawSegment }),
};

/** The QR token a student's phone would send: current, stale, for another sheet, or forged. */
const qrTokenField: Field = {
  good: fc.oneof(
    { weight: 6, arbitrary: fc.constant(new Live("current QR token", (w) => qrToken(w.open.secret, w.open.id))) },
    { weight: 1, arbitrary: fc.constant(new Live("previous window's QR token", (w) => qrToken(w.open.secret, w.open.id, windowAt() - 1))) },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 2, max: 80 })
        .map((age) => new Live(`QR token ${age} windows old`, (w) => qrToken(w.open.secret, w.open.id, windowAt() - age))),
    },
    { weight: 1, arbitrary: fc.constant(new Live("closed sheet's QR token", (w) => qrToken(w.closed.secret, w.closed.id))) },
    { weight: 1, arbitrary: fc.constant(new Live("other sheet's QR token", (w) => qrToken(w.othersSheet.secret, w.othersSheet.id))) },
    { weight: 1, arbitrary: fc.constant(new Live("QR token from the future", (w) => qrToken(w.open.secret, w.open.id, windowAt() + 2))) },
    { weight: 1, arbitrary: fc.constant(new Live("tampered QR token", (w) => flipLast(qrToken(w.open.secret, w.open.id)))) },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 12, maxLength: 12 }).map((b) => Buffer.from(b).toString("base64url")) },
  ),
  bad: badString,
};

const signed = (label: string, make: (w: World) => string) => fc.constant(new Live(label, make));

/** Check-in tickets: valid, expired, for another sheet or method, tampered, or forged. */
const ticketField: Field = {
  good: fc.oneof(
    { weight: 6, arbitrary: signed("valid ticket", (w) => signTicket(w.open)) },
    { weight: 1, arbitrary: signed("code ticket", (w) => signTicket(w.open, { method: "code" })) },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 1, max: 100_000 })
        .map((s) => new Live(`ticket expired ${s}s ago`, (w) => signTicket(w.open, { ttlSeconds: -s }))),
    },
    { weight: 1, arbitrary: signed("closed sheet's ticket", (w) => signTicket(w.closed)) },
    { weight: 1, arbitrary: signed("other sheet's ticket", (w) => signTicket(w.othersSheet)) },
    { weight: 1, arbitrary: signed("ticket signed for method 'teacher'", (w) => signTicket(w.open, { method: "teacher" })) },
    {
      weight: 1,
      arbitrary: signed("ticket with its expiry pushed later", (w) => {
        const parts = signTicket(w.open).split(".");
        parts[3] = String(Number(parts[3]) + 86_400);
        return parts.join(".");
      }),
    },
    {
      weight: 1,
      arbitrary: signed("ticket moved to the other sheet", (w) => {
        const parts = signTicket(w.open).split(".");
        parts[0] = w.othersSheet.id;
        parts[1] = w.othersSheet.code;
        return parts.join(".");
      }),
    },
    { weight: 1, arbitrary: signed("tampered signature", (w) => flipLast(signTicket(w.open))) },
    { weight: 1, arbitrary: fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 7 }).map((p) => p.join(".")) },
  ),
  bad: badString,
};

const digitsField: Field = {
  good: fc.oneof(
    fc.constant(new Live("current digits", (w) => qrDigits(w.open.secret, w.open.id))),
    fc.constant(new Live("current digits, spaced", (w) => qrDigits(w.open.secret, w.open.id).split("").join(" "))),
    fc.constant(new Live("digits from 3 windows ago", (w) => qrDigits(w.open.secret, w.open.id, windowAt() - 3))),
    fc.stringMatching(/^\d{4}$/),
  ),
  bad: badString,
};

/** Names a person may really have, in every script, with markup and formula-looking ones too. */
export const personName = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom("Maria Silva", "João Conceição", "Ana  Sofia ", "O'Brien", "Zoë Ñúñez", "<b>Rui</b>", "=SUM(A1)"),
  },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom("Ana ", "Rui "), fc.constantFrom(...unicodeEdgeCases)).map(([a, b]) => a + b) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", minLength: 2, maxLength: 40 }) },
);

const passwordField: Field = {
  good: fc.oneof(
    { weight: 3, arbitrary: fc.constant(new Live("owner's password", (w) => w.owner.password)) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", minLength: 10, maxLength: 30 }) },
  ),
  bad: fc.oneof(
    badString,
    fc.integer({ min: 201, max: 5000 }).map((n) => "p".repeat(n)),
  ),
};

const cursorField: Field = {
  good: fc.constant(
    new Live("a cursor of the first page", () => Buffer.from(`${new Date().toISOString()}|${randomUUID()}`).toString("base64url")),
  ),
  bad: fc.oneof(
    fc
      .tuple(
        fc.constantFrom(
          "-271821-04-20T00:00:00.000Z",
          "0000-01-01T00:00:00.000Z",
          "+275760-09-13T00:00:00.000Z",
          "9999-12-31T23:59:59.999Z",
          "2026-02-30T00:00:00.000Z",
          "garbage",
          "",
        ),
        fc.oneof(fc.uuid(), fc.constantFrom("-".repeat(36), "f".repeat(36), "", "00000000-0000-0000-0000-000000000000|x")),
      )
      .map(([at, id]) => Buffer.from(`${at}|${id}`).toString("base64url")),
    hostileString,
  ),
};

/** A field's values, chosen by its name, else by its schema. */
function fieldOf(name: string, schema: JsonSchema, operation: Operation, world: World): Field {
  switch (name) {
    case "id":
      if (operation.path.startsWith("/api/course-units/")) return courseUnitIdField();
      return operation.path.startsWith("/api/tokens") ? tokenIdField : sheetIdField();
    case "teacherId":
      return {
        good: fc.oneof(
          fc.constant(new Live("other teacher's id", (w) => w.other.id)),
          fc.constant(new Live("owner's id", (w) => w.owner.id)),
          fc.uuid(),
        ),
        bad: fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 1, arbitrary: rawSegment }),
      };
    case "lateAfterMinutes":
    case "minimumRate":
      return { good: fc.integer({ min: 0, max: 100 }), bad: fc.oneof(fc.integer({ min: -1000, max: -1 }), fc.double(), wrongType) };
    case "strict":
      return { good: fc.boolean(), bad: fc.oneof(wrongType, hostileString) };
    case "networks":
      return {
        good: fc.array(fc.constantFrom("192.0.2.0/24", "198.51.100.7/32", "2001:db8::/48", " 10.0.0.0/8 "), { maxLength: 3 }),
        bad: fc.oneof(
          fc.array(fc.oneof(hostileString, fc.constantFrom("10.0.0.0/33", "192.0.2.0", "::/129")), { minLength: 1, maxLength: 2 }),
          wrongType,
        ),
      };
    case "lateAfter":
      return {
        good: fc.oneof(
          fc.constant(null),
          fc.date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }).map((d) => d.toISOString()),
        ),
        bad: badString,
      };
    case "code":
      if (operation.path.startsWith("/api/checkin")) return codeField;
      return {
        good: fc.oneof(
          unique("new course unit code", (n) => `FZ${n}`),
          fc.constant(world.courseUnit.code),
          unique("new lower-case code", (n) => ` fz-${n.toLowerCase()} `),
        ),
        bad: badString,
      };
    case "email":
      if (operation.path.endsWith("/teachers")) {
        return {
          good: fc.oneof(
            { weight: 4, arbitrary: fc.constant(new Live("other teacher's e-mail", (w) => w.other.email)) },
            { weight: 1, arbitrary: fc.constant(new Live("owner's e-mail", (w) => w.owner.email)) },
            { weight: 1, arbitrary: unique("unregistered e-mail", (n) => `${n.toLowerCase()}@${FUZZ_DOMAIN}`) },
          ),
          bad: badString,
        };
      }
      return {
        good: fc.oneof(
          { weight: 3, arbitrary: fc.constant(new Live("owner's e-mail", (w) => w.owner.email)) },
          { weight: 1, arbitrary: fc.constant(new Live("owner's e-mail in capitals, padded", (w) => ` ${w.owner.email.toUpperCase()} `)) },
          { weight: 3, arbitrary: unique("new e-mail", (n) => `${n.toLowerCase()}@${FUZZ_DOMAIN}`) },
        ),
        bad: fc.oneof(
          badString,
          hostileString.map((s) => `${s}@${FUZZ_DOMAIN}`),
        ),
      };
    case "password":
    case "newPassword":
    case "currentPassword":
      return passwordField;
    case "name":
      return { good: personName, bad: badString };
    case "studentNumber":
      return studentNumberField(world);
    case "deviceId":
      return { good: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{16,40}$/), fc.constant(world.usedDevice)), bad: badString };
    case "ticket":
      return ticketField;
    case "token":
      return qrTokenField;
    case "digits":
      return digitsField;
    case "courseUnitId":
      return {
        good: fc.oneof({ weight: 4, arbitrary: fc.constant(world.courseUnit.id) }, { weight: 1, arbitrary: fc.uuid() }),
        bad: badString,
      };
    case "cursor":
      return cursorField;
    case "limit":
      return {
        good: fc.integer({ min: 1, max: 100 }).map(String),
        bad: fc.oneof(
          fc.integer({ min: -5, max: 5000 }).map(String),
          fc.constantFrom("1.5", "1e2", " 5", "0x10", "Infinity", "", "-0"),
          hostileString,
        ),
      };
  }
  if (schema.enum) return { good: fc.constantFrom(...schema.enum), bad: hostileString };
  if (schema.format === "uuid") return { good: fc.uuid(), bad: hostileString };
  if (schema.type === "boolean") return { good: fc.constantFrom("true", "false"), bad: hostileString };
  if (schema.type === "integer") return { good: fc.integer({ min: 0, max: 100 }).map(String), bad: hostileString };
  return { good: fc.string({ unit: "grapheme", maxLength: 30 }), bad: badString };
}

/** Mostly a well-formed value, sometimes a hostile one. */
const either = ({ good, bad }: Field, badWeight = 1) => fc.oneof({ weight: 6, arbitrary: good }, { weight: badWeight, arbitrary: bad });

// ---------------------------------------------------------------- bodies

const jsonContentTypes = fc.constantFrom("application/json; charset=utf-8", "application/problem+json", "APPLICATION/JSON");
const wrongContentTypes = fc.constantFrom(
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/jsonx",
  "",
);

/** Roster files: well-formed CSV and XLSX of the fixture students (names hostile too), and broken files. */
function rosterFileArb(): fc.Arbitrary<Body> {
  const csv = fc
    .tuple(
      fc.constantFrom(";", ",", "\t"),
      fc.array(fc.tuple(fc.stringMatching(/^[A-Z0-9]{1,20}$/), personName, fc.string({ maxLength: 8 })), { maxLength: 20 }),
    )
    .map(([sep, rows]): Body => {
      const lines =
        ["Número", "Nome", "Turma"].join(sep) +
        rows.map(([n, name, g]) => `\r\n${[n, JSON.stringify(name), JSON.stringify(g)].join(sep)}`).join("");
      return { kind: "text", text: lines, contentType: "text/csv" };
    });
  const fixture = fc.constant<Body>({
    kind: "file",
    bytes: new Live("the fixture roster as XLSX", (w) => w.rosterXlsx.toString("hex")),
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
  const broken = fc.oneof(
    fc.uint8Array({ maxLength: 400 }).map((b): Body => ({ kind: "bytes", hex: Buffer.from(b).toString("hex") })),
    fc.uint8Array({ maxLength: 200 }).map((b): Body => ({ kind: "bytes", hex: `504b0304${Buffer.from(b).toString("hex")}` })),
    fc
      .constantFrom("", "Número;Nome", "a,b\r\n1,2", '"unterminated')
      .map((text): Body => ({ kind: "text", text, contentType: "text/csv" })),
  );
  const huge = fc.integer({ min: 5_242_881, max: 6_000_000 }).map((size): Body => ({ kind: "huge", size, declared: true }));
  return fc.oneof(
    { weight: 6, arbitrary: csv },
    { weight: 2, arbitrary: fixture },
    { weight: 3, arbitrary: broken },
    { weight: 1, arbitrary: huge },
  );
}

function bodyArb(operation: Operation, world: World): fc.Arbitrary<Body> {
  if (/\/roster\/(preview|import)$/.test(operation.path)) return rosterFileArb();
  if (!operation.body) {
    if (operation.method === "GET") return fc.constant({ kind: "none" });
    return fc.oneof(
      { weight: 3, arbitrary: fc.constant<Body>({ kind: "none" }) },
      { weight: 1, arbitrary: malformedJson.map((text): Body => ({ kind: "text", text, contentType: "application/json" })) },
    );
  }
  const schema = operation.body;
  const fields = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, prop]) => [name, fieldOf(name, prop, operation, world)]),
  );
  const required = (schema.required ?? []).filter((k) => k in fields);
  const valid = fc.record(Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.good])), {
    requiredKeys: required,
  });
  const json = (value: unknown): Body => ({ kind: "json", value });
  const names = Object.keys(fields);
  const oneBadField = valid.chain((value) =>
    fc.constantFrom(...names).chain((name) => fields[name]!.bad.map((bad) => json({ ...value, [name]: bad }))),
  );
  const withoutRequired = valid.chain((value) =>
    required.length === 0
      ? fc.constant(json(value))
      : fc.constantFrom(...required).map((name) => json(Object.fromEntries(Object.entries(value).filter(([k]) => k !== name)))),
  );
  const withExtra = valid.chain((value) =>
    fc
      .tuple(fc.constantFrom("extra", "__proto__", "constructor", "isAdmin", "ownerId", "id", "removedAt"), fc.jsonValue({ maxDepth: 2 }))
      .map(([k, v]) => {
        const copy: Record<string, unknown> = { ...value };
        Object.defineProperty(copy, k, { value: v, enumerable: true, configurable: true, writable: true });
        return json(copy);
      }),
  );
  const longField = valid.chain((value) =>
    fc
      .tuple(fc.constantFrom(...names), fc.integer({ min: 200, max: 15_000 }))
      .map(([name, n]) => json({ ...value, [name]: "é".repeat(n / 2) })),
  );
  return fc.oneof(
    { weight: 14, arbitrary: valid.map(json) },
    { weight: 8, arbitrary: oneBadField },
    { weight: 1, arbitrary: valid.chain((value) => jsonContentTypes.map((contentType): Body => ({ kind: "json", value, contentType }))) },
    { weight: 1, arbitrary: withoutRequired },
    { weight: 1, arbitrary: withExtra },
    { weight: 1, arbitrary: longField },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(json) },
    { weight: 1, arbitrary: malformedJson.map((text): Body => ({ kind: "text", text, contentType: "application/json" })) },
    {
      weight: 1,
      arbitrary: valid.chain((value) =>
        wrongContentTypes.map((contentType): Body => ({ kind: "text", text: JSON.stringify(value), contentType })),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.integer({ min: 16_385, max: 3_000_000 }).map((size): Body => ({ kind: "huge", size, declared: true })),
        // Streamed without a length: the server reads on up to 1 MiB past its limit, then cuts the connection.
        fc.integer({ min: 16_385, max: 1_000_000 }).map((size): Body => ({ kind: "huge", size, declared: false })),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom("ff", "c328", "e0a4", "eda080", "7b226e616d65223a2280ff227d").map((hex): Body => ({ kind: "bytes", hex })),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 100, max: 8000 }).map((depth): Body => ({
        kind: "text",
        text: `${"[".repeat(depth)}"\\ud800"${"]".repeat(depth)}`,
        contentType: "application/json",
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Body>(
        { kind: "none" },
        { kind: "text", text: "", contentType: "application/json" },
        { kind: "text", text: "null", contentType: "application/json" },
      ),
    },
  );
}

// ---------------------------------------------------------------- the whole request

function authArb(operation: Operation): fc.Arbitrary<Auth> {
  if (!operation.secured) {
    return fc.oneof(
      { weight: 4, arbitrary: fc.constant<Auth>({ kind: "none" }) },
      { weight: 1, arbitrary: fc.constant<Auth>({ kind: "token", who: "owner" }) },
    );
  }
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant<Auth>({ kind: "token", who: "owner" }) },
    { weight: 2, arbitrary: fc.constant<Auth>({ kind: "token", who: "other" }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("session" as const),
        origin: fc.constantFrom("same" as const, "cross" as const, "null" as const, "absent" as const),
        site: fc.option(fc.constantFrom("cross-site" as const, "same-origin" as const), { nil: undefined }),
      }),
    },
    { weight: 1, arbitrary: fc.constant<Auth>({ kind: "revoked" }) },
    { weight: 1, arbitrary: fc.constant<Auth>({ kind: "none" }) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.constantFrom(
            "Bearer",
            "Bearer ",
            "Basic dXNlcjpwYXNz",
            "Bearer prs_",
            "Bearer prs_ prs_",
            "bearer x",
            `Bearer prs_${"a".repeat(200)}`,
          ),
          headerString.map((s) => `Bearer ${s}`),
          fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => `Bearer prs_${Buffer.from(b).toString("base64url")}`),
        )
        .map((value): Auth => ({ kind: "header", value })),
    },
  );
}

/** An empty or dot segment is another URL (fetch resolves "." and ".." before sending). */
const sameRoute = (v: unknown) => typeof v !== "string" || !["", ".", ".."].includes(v);

function queryArb(operation: Operation, world: World): fc.Arbitrary<[string, Value][]> {
  const documented = operation.parameters.filter((p) => p.in === "query");
  const entries = documented.map((p) =>
    fc.option(
      (either(fieldOf(p.name, p.schema ?? {}, operation, world)) as fc.Arbitrary<Value>).map((v): [string, Value] => [p.name, v]),
      { freq: 2, nil: undefined },
    ),
  );
  const extra = fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom("unknown", "__proto__", "limit", "format", "q"), hostileString).map((e): [string, Value] => e),
    },
  );
  return fc
    .tuple(fc.tuple(...entries), extra)
    .map(([picked, more]) => [...picked, more].filter((e): e is [string, Value] => e !== undefined));
}

export function requestArb(operation: Operation, world: World): fc.Arbitrary<FuzzRequest> {
  const pathParams = operation.parameters.filter((p) => p.in === "path");
  const params = fc.record(
    Object.fromEntries(
      pathParams.map((p) => [p.name, (either(fieldOf(p.name, p.schema ?? {}, operation, world)) as fc.Arbitrary<Value>).filter(sameRoute)]),
    ),
  );
  return fc.record({
    params,
    query: queryArb(operation, world),
    rawQuery: fc.oneof(
      { weight: 10, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom("%ZZ", "a=%E0%A4%A", "&&&", "=x", "limit=1&limit=2", "q=%00", "cursor=%00") },
    ),
    auth: authArb(operation),
    body: bodyArb(operation, world),
    headers: fc.record(
      {
        "accept-language": fc.oneof(fc.constantFrom("pt-PT,pt;q=0.9", "en"), headerString),
        "x-request-id": fc.oneof(headerString, fc.constant("a".repeat(129)), fc.constant("fuzz-request-0001")),
        "x-real-ip": fc.oneof(fc.ipV4(), fc.ipV6(), headerString),
      },
      { requiredKeys: ["x-real-ip"] },
    ),
  });
}

// ---------------------------------------------------------------- sending

export type Sent = {
  url: string;
  method: string;
  caller: Who | null;
  params: Record<string, string>;
  body: unknown;
  init: RequestInit & { duplex?: "half" };
};

export type Reply = { status: number; headers: Headers; text: string; body: Record<string, unknown> };

/** Percent-encodes every byte outside the unreserved set; lone surrogates become U+FFFD, as a browser would send. */
const encodeSegment = (s: string) =>
  [...Buffer.from(s, "utf8")]
    .map((b) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`,
    )
    .join("");

async function resolveValue(value: unknown, world: World): Promise<unknown> {
  if (value instanceof Live) return value.get(world);
  if (Array.isArray(value)) return Promise.all(value.map((v) => resolveValue(v, world)));
  if (value && typeof value === "object" && !(value instanceof RawSegment)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, k, { value: await resolveValue(v, world), enumerable: true, configurable: true, writable: true });
    }
    return out;
  }
  return value;
}

function hugeStream(size: number): ReadableStream<Uint8Array> {
  const chunk = Buffer.alloc(64 * 1024, "a");
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close();
      const n = Math.min(chunk.length, size - sent);
      sent += n;
      controller.enqueue(chunk.subarray(0, n));
    },
  });
}

export async function prepare(operation: Operation, request: FuzzRequest, world: World): Promise<Sent> {
  const params: Record<string, string> = {};
  let path = operation.path;
  for (const [name, value] of Object.entries(request.params)) {
    const resolved = value instanceof RawSegment ? value.text : String(await resolveValue(value, world));
    params[name] = resolved;
    path = path.replace(`{${name}}`, value instanceof RawSegment ? resolved : encodeSegment(resolved));
  }
  const query = new URLSearchParams();
  for (const [k, v] of request.query) query.append(k, v instanceof RawSegment ? v.text : String(await resolveValue(v, world)));
  const search = [query.toString(), request.rawQuery].filter(Boolean).join("&");
  const headers: Record<string, string> = { ...request.headers };
  let caller: Who | null = null;
  const auth = request.auth;
  if (auth.kind === "token") {
    caller = auth.who;
    // Revoking "current" must not take the token the rest of the run relies on.
    const token = operation.id === "DELETE /api/tokens/{id}" ? await world.disposableToken(auth.who) : world.teacher(auth.who).token;
    headers.authorization = `Bearer ${token}`;
  } else if (auth.kind === "session") {
    caller = "owner";
    headers.cookie = world.sessionCookie;
    if (auth.origin === "same") headers.origin = world.baseUrl;
    if (auth.origin === "cross") headers.origin = "https://attacker.example";
    if (auth.origin === "null") headers.origin = "null";
    if (auth.site) headers["sec-fetch-site"] = auth.site;
  } else if (auth.kind === "revoked") {
    headers.authorization = `Bearer ${world.revokedToken}`;
  } else if (auth.kind === "header") {
    headers.authorization = auth.value;
  }
  const init: Sent["init"] = { method: operation.method, headers, redirect: "manual", signal: AbortSignal.timeout(30_000) };
  let body: unknown;
  switch (request.body.kind) {
    case "json":
      body = await resolveValue(request.body.value, world);
      init.body = JSON.stringify(body);
      headers["content-type"] = request.body.contentType ?? "application/json";
      // A ticket works only with the browser cookie it was issued with: send the one it was signed for.
      if (body && typeof body === "object" && "ticket" in body && typeof body.ticket === "string" && cookieOf(body.ticket)) {
        headers.cookie = [headers.cookie, cookieOf(body.ticket)].filter(Boolean).join("; ");
      }
      break;
    case "text":
      init.body = request.body.text;
      if (request.body.contentType) headers["content-type"] = request.body.contentType;
      break;
    case "bytes":
      init.body = Buffer.from(request.body.hex, "hex");
      headers["content-type"] = "application/json";
      break;
    case "file":
      init.body = Buffer.from(String(await request.body.bytes.get(world)), "hex");
      headers["content-type"] = request.body.contentType;
      break;
    case "huge":
      headers["content-type"] = "application/json";
      if (request.body.declared) {
        init.body = `{"name":"${"a".repeat(request.body.size)}"}`;
      } else {
        init.body = hugeStream(request.body.size);
        init.duplex = "half";
      }
      break;
  }
  return { url: `${world.baseUrl}${path}${search ? `?${search}` : ""}`, method: operation.method, caller, params, body, init };
}

async function firstChunk(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  const chunk = await reader?.read();
  await reader?.cancel();
  return chunk?.value ? new TextDecoder().decode(chunk.value) : "";
}

export async function send(sent: Sent): Promise<Reply> {
  const response = await fetch(sent.url, sent.init).catch((err: unknown) => {
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : "";
    throw new Error(`no answer${cause}\n  ${sent.method} ${sent.url}`);
  });
  // A live stream never ends by itself: its opening is what there is to judge.
  const text = response.headers.get("content-type")?.startsWith("text/event-stream") ? await firstChunk(response) : await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = {};
  }
  return { status: response.status, headers: response.headers, text, body };
}
