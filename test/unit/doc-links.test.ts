/** The documentation's relative links lead somewhere: a newcomer following the README never hits a dead end. */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";

const documents = [
  "README.md",
  "SECURITY.md",
  ...fs
    .readdirSync("docs")
    .filter((f) => f.endsWith(".md"))
    .map((f) => path.join("docs", f)),
];

describe("documentation links", () => {
  for (const document of documents) {
    it(`every relative link in ${document} names a file of the repository`, () => {
      const text = fs.readFileSync(document, "utf8");
      const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? "").filter((t) => !/^(https?:|mailto:|#)/.test(t));
      const missing = targets.filter((t) => !fs.existsSync(path.join(path.dirname(document), decodeURIComponent(t.split("#")[0] ?? ""))));
      assert.deepEqual(missing, []);
    });
  }
});
