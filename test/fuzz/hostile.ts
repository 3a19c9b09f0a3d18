/** Arbitraries for hostile input: Unicode edge cases, injection strings, wrong types, broken bodies. */
import fc from "fast-check";

const zalgo = (base: string, marks: number) =>
  base + Array.from({ length: marks }, (_, i) => String.fromCharCode(0x0300 + (i % 0x70))).join("");

export const unicodeEdgeCases = [
  "Jose\u0301 Conceic\u0327a\u0303o", // decomposed accents (NFD)
  zalgo("Z", 40),
  "\u05E9\u05DC\u05D5\u05DD \u05E2\u05D5\u05DC\u05DD", // Hebrew (right-to-left)
  "\u0645\u0631\u062D\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645", // Arabic (right-to-left)
  "Ana \u202Egnp.exe\u202C", // right-to-left override
  "\u2066isolated\u2069 \u200Fmark",
  "Ze\u200Bro\u200Cwi\u200Ddth\uFEFF",
  "\u{1F469}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466} \u{1F3F3}\uFE0F\u200D\u{1F308}", // emoji ZWJ sequences
  "\u{1F600}\u{1F600}",
  "\u0000",
  "Ana\u0000Silva",
  "\uD800 lone high surrogate",
  "lone low \uDFFF",
  "line\u2028separator\u2029",
  "no\u00A0break\u2003em\u3000ideographic",
  "\uFF21\uFF4E\uFF41 \uFB01", // full-width and ligature (NFKC changes them)
  "\u0130stanbul stra\u00DFe",
  "next\u0085line",
  "\u001B[31mred\u001B[0m",
  "tab\there\r\nnew line",
  "   ",
  "",
];

export const injectionStrings = [
  "' OR '1'='1",
  "'; DROP TABLE attendances; --",
  '" OR ""="',
  "1); SELECT pg_sleep(0); --",
  "\\'; \\x00 \\\\",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '"><svg onload=alert(1)>',
  "javascript:alert(1)",
  "=1+1",
  '=HYPERLINK("http://example.invalid","x")',
  "+SUM(A1:A9)",
  "-2+3",
  "@cmd",
  "{{7*7}}",
  "${7*7}",
  "%s%s%s%n",
  "../../../../etc/passwd",
  '{"$ne":null}',
  "__proto__",
  "constructor",
  "%00",
  "%ZZ",
  "null",
  "NaN",
  "1e309",
  "$(id)",
  "\r\nSet-Cookie: injected=1",
];

/** Any string a client could send. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...unicodeEdgeCases, ...injectionStrings) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom("Maria ", "UP2023", "EIC00", ""), fc.constantFrom(...unicodeEdgeCases, ...injectionStrings))
      .map(([a, b]) => a + b),
  },
  { weight: 1, arbitrary: fc.integer({ min: 121, max: 4000 }).map((n) => "x".repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 600 }).map((n) => zalgo("a", n)) },
);

/** Values of the wrong JSON type for a string field (and vice versa). */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(1e308),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

/** Bodies that are not JSON at all, or JSON broken in the middle. */
export const malformedJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "{",
    '{"a":',
    "[1,2",
    '{"a":1}}',
    "{'a':1}",
    '{"a":01}',
    "nul",
    '"unterminated',
    '{"a":NaN}',
    ",",
    "\u0000",
    '{"a":"\\uZZZZ"}',
  ),
  fc.string({ unit: "binary", maxLength: 60 }).map((s) => `{${s}`),
);

/** Header-safe strings (visible ASCII), for headers a client controls. */
export const headerString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary-ascii", maxLength: 80 }).map((s) => s.replace(/[\x00-\x1f\x7f]/g, "").trim()),
  fc.constantFrom("*", "pt-PT,pt;q=0.9,en;q=0.8", "en;q=0", "xx;q=abc", ";;;,,,", "pt;q=1e400", "a".repeat(4000)),
);
