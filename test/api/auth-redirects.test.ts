import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { PASSWORD, baseUrl, browserSession, call, newTeacher } from "../helpers/api";

describe("next-auth's own redirects", () => {
  it("point at the public origin, not next-auth's default of localhost:3000", async () => {
    const reply = await call("GET", "/api/auth/signin");
    assert.equal(reply.status, 302);
    const location = new URL(reply.headers.get("location") ?? "", baseUrl);
    assert.equal(location.pathname, "/login");
    assert.equal(new URL(location.searchParams.get("callbackUrl") ?? "").origin, new URL(baseUrl).origin);
  });
});

/** Every page of the app, as a path a browser could ask for (dynamic segments filled in). */
function pagePaths(): { path: string; isPublic: boolean }[] {
  const publicGroups = new Set(["(auth)", "(student)"]);
  return fs
    .readdirSync("app", { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === "page.tsx")
    .map((file) => {
      const segments = path
        .dirname(file)
        .split(path.sep)
        .filter((s) => s !== ".");
      const isPublic = segments.length === 0 || segments[0] === "offline" || publicGroups.has(segments[0] ?? "");
      const route = segments
        .filter((s) => !/^\(.*\)$/.test(s))
        .map((s) => (s === "[code]" ? "K7TQ9M" : /^\[.*\]$/.test(s) ? randomUUID() : s));
      return { path: `/${route.join("/")}`, isPublic };
    });
}

describe("teacher pages", () => {
  it("finds the pages it checks", () => assert.ok(pagePaths().filter((p) => !p.isPublic).length >= 4));

  for (const page of pagePaths()) {
    it(`${page.path} ${page.isPublic ? "is public" : "sends a visitor who is not signed in to /login and back"}`, async () => {
      const reply = await fetch(`${baseUrl}${page.path}?from=test`, { redirect: "manual" });
      if (page.isPublic) {
        const to = reply.headers.get("location");
        assert.ok(reply.status < 400, `${page.path} answered ${reply.status}`);
        assert.ok(!to || new URL(to, baseUrl).pathname !== "/login", `${page.path} asked to sign in`);
        return;
      }
      assert.equal(reply.status, 307);
      const location = new URL(reply.headers.get("location") ?? "", baseUrl);
      assert.equal(location.pathname, "/login");
      assert.equal(location.searchParams.get("callbackUrl"), `${page.path}?from=test`);
    });
  }

  it("are served to a signed-in teacher", async () => {
    const teacher = await newTeacher();
    const cookie = await browserSession(teacher.email, PASSWORD);
    const reply = await fetch(`${baseUrl}/dashboard`, { headers: { cookie }, redirect: "manual" });
    assert.equal(reply.status, 200);
  });

  it("refuse a forged session cookie", async () => {
    const reply = await fetch(`${baseUrl}/dashboard`, {
      headers: { cookie: "next-auth.session-token=forged.jwt.value" },
      redirect: "manual",
    });
    assert.equal(reply.status, 307);
  });
});

describe("the return path after signing in", () => {
  // What a crafted ?callbackUrl= may say (decoded): each would leave the site once a browser drops the
  // tab or newline, reads `\` as `/`, or follows an absolute or scheme-relative URL.
  const foreign = [
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\t\\evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "//evil.example",
    "///evil.example",
    "https://evil.example/",
    "https:evil.example",
    "/%09/evil.example/..",
    "%2F%2Fevil.example",
    " //evil.example",
    "\u0000//evil.example",
  ];

  it("never leaves the site when already signed in, and never fails", async () => {
    const teacher = await newTeacher();
    const cookie = await browserSession(teacher.email, PASSWORD);
    const origin = new URL(baseUrl).origin;
    for (const callbackUrl of foreign) {
      const reply = await fetch(`${baseUrl}/login?callbackUrl=${encodeURIComponent(callbackUrl)}`, {
        headers: { cookie },
        redirect: "manual",
      });
      await reply.arrayBuffer();
      assert.equal(reply.status, 307, `${JSON.stringify(callbackUrl)} answered ${reply.status}`);
      const location = reply.headers.get("location") ?? "";
      assert.doesNotMatch(location, /[\p{Cc}\\]/u, `${JSON.stringify(callbackUrl)} → ${JSON.stringify(location)}`);
      assert.equal(new URL(location, baseUrl).origin, origin, `${JSON.stringify(callbackUrl)} → ${JSON.stringify(location)}`);
    }
  });

  it("keeps a path on the site, with its query", async () => {
    const teacher = await newTeacher();
    const cookie = await browserSession(teacher.email, PASSWORD);
    for (const callbackUrl of ["/profile?tab=1", `${new URL(baseUrl).origin}/profile?tab=1`]) {
      const reply = await fetch(`${baseUrl}/login?callbackUrl=${encodeURIComponent(callbackUrl)}`, {
        headers: { cookie },
        redirect: "manual",
      });
      await reply.arrayBuffer();
      assert.equal(new URL(reply.headers.get("location") ?? "", baseUrl).href, `${new URL(baseUrl).origin}/profile?tab=1`);
    }
  });

  it("is held to the same rule by next-auth's own sign-in answer", async () => {
    const teacher = await newTeacher();
    const origin = new URL(baseUrl).origin;
    for (const callbackUrl of foreign) {
      const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
      const reply = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
        body: new URLSearchParams({ csrfToken, email: teacher.email, password: PASSWORD, callbackUrl, json: "true" }),
      });
      assert.equal(reply.status, 200, `${JSON.stringify(callbackUrl)} answered ${reply.status}`);
      const { url } = (await reply.json()) as { url: string };
      assert.doesNotMatch(url, /[\p{Cc}\\]/u, `${JSON.stringify(callbackUrl)} → ${JSON.stringify(url)}`);
      assert.equal(new URL(url).origin, origin);
    }
  });
});
