import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, it } from "node:test";

const server = path.join(".next", "standalone", "server.js");

function startWith(env: Record<string, string>) {
  const { PATH, HOME } = process.env;
  return spawnSync(process.execPath, [server], {
    env: { PATH, HOME, NODE_ENV: "production", HOSTNAME: "127.0.0.1", PORT: "0", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
}

describe("start-up configuration", () => {
  it("refuses to start, naming each missing or malformed variable", () => {
    const result = startWith({ DATABASE_URL: "mysql://nope", PUBLIC_ORIGIN: "presenca.example.org", QR_WINDOW_SECONDS: "1" });
    assert.equal(result.status, 78);
    assert.match(result.stderr, /Invalid configuration/);
    assert.match(result.stderr, /DATABASE_URL: must be a postgresql:\/\/ URL/);
    assert.match(result.stderr, /AUTH_SECRET: is required/);
    assert.match(result.stderr, /PUBLIC_ORIGIN: must be an http\(s\) URL/);
    assert.match(result.stderr, /QR_WINDOW_SECONDS/);
  });

  it("refuses a short secret and a broken student-number pattern", () => {
    const result = startWith({
      DATABASE_URL: "postgresql://u@127.0.0.1/db",
      PUBLIC_ORIGIN: "https://presenca.example.org",
      AUTH_SECRET: "short",
      STUDENT_NUMBER_PATTERN: "([",
    });
    assert.equal(result.status, 78);
    assert.match(result.stderr, /AUTH_SECRET: must be at least 32 characters/);
    assert.match(result.stderr, /STUDENT_NUMBER_PATTERN: must be a valid regular expression/);
  });
});
