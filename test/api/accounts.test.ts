import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { assertProblem, baseUrl, browserSession, call, closeDb, newTeacher, PASSWORD, uniqueEmail, type Reply } from "../helpers/api";
import { startInstance, type Instance } from "../helpers/instances";

after(closeDb);

describe("teacher accounts", () => {
  it("register with a case-insensitive unique e-mail", async () => {
    const email = uniqueEmail();
    const created = await call<{ email: string; name: string }>("POST", "/api/accounts", {
      body: { email: email.toUpperCase(), name: "  Ana   Lima ", password: PASSWORD },
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.email, email);
    assert.equal(created.body.name, "Ana Lima");
    assert.equal("passwordHash" in created.body, false);
    const again = await call("POST", "/api/accounts", { body: { email, name: "Other", password: PASSWORD } });
    assertProblem(again, 409, "EMAIL_TAKEN");
  });

  it("refuse weak or malformed registrations with field errors", async () => {
    const reply = await call<{ errors: { field: string }[] }>("POST", "/api/accounts", {
      body: { email: "not-an-email", name: "A", password: "short" },
    });
    assertProblem(reply, 400, "VALIDATION_FAILED");
    assert.deepEqual(reply.body.errors.map((e) => e.field).sort(), ["email", "name", "password"]);
  });

  it("edit the profile and change the password with the current one", async () => {
    const teacher = await newTeacher();
    const me = await call<{ name: string }>("PATCH", "/api/me", { token: teacher.token, body: { name: "Renamed Teacher" } });
    assert.equal(me.status, 200);
    assert.equal(me.body.name, "Renamed Teacher");
    assert.equal((await call<{ name: string }>("GET", "/api/me", { token: teacher.token })).body.name, "Renamed Teacher");

    const wrong = await call("PUT", "/api/me/password", {
      token: teacher.token,
      body: { currentPassword: "not the password", newPassword: "a brand new password" },
    });
    assertProblem(wrong, 403, "WRONG_PASSWORD");
    const changed = await call("PUT", "/api/me/password", {
      token: teacher.token,
      body: { currentPassword: PASSWORD, newPassword: "a brand new password" },
    });
    assert.equal(changed.status, 204);
    assertProblem(await call("POST", "/api/tokens", { body: { email: teacher.email, password: PASSWORD } }), 401, "INVALID_CREDENTIALS");
    const fresh = await call("POST", "/api/tokens", { body: { email: teacher.email, password: "a brand new password" } });
    assert.equal(fresh.status, 201);
  });
});

describe("API tokens", () => {
  it("are shown once, listed without the secret, and stop working when revoked", async () => {
    const teacher = await newTeacher();
    const second = await call<{ id: string; token: string }>("POST", "/api/tokens", {
      body: { email: teacher.email, password: PASSWORD, label: "LMS sync" },
    });
    assert.equal(second.status, 201);
    assert.match(second.body.token, /^prs_[A-Za-z0-9_-]{43}$/);

    const list = await call<{ items: { id: string; label: string }[] }>("GET", "/api/tokens", { token: teacher.token });
    assert.equal(list.status, 200);
    assert.equal(list.body.items.length, 2);
    assert.equal(list.text.includes(second.body.token), false);
    assert.ok(list.body.items.some((t) => t.label === "LMS sync"));

    assert.equal((await call("DELETE", `/api/tokens/${second.body.id}`, { token: teacher.token })).status, 204);
    assertProblem(await call("GET", "/api/me", { token: second.body.token }), 401, "UNAUTHENTICATED");
    assert.equal((await call("GET", "/api/me", { token: teacher.token })).status, 200);
  });

  it("log out with DELETE /api/tokens/current", async () => {
    const teacher = await newTeacher();
    assert.equal((await call("DELETE", "/api/tokens/current", { token: teacher.token })).status, 204);
    assertProblem(await call("GET", "/api/sheets", { token: teacher.token }), 401, "UNAUTHENTICATED");
  });

  it("cannot revoke another teacher's token", async () => {
    const a = await newTeacher();
    const b = await newTeacher();
    const tokens = await call<{ items: { id: string }[] }>("GET", "/api/tokens", { token: a.token });
    const id = tokens.body.items[0]?.id;
    assertProblem(await call("DELETE", `/api/tokens/${id}`, { token: b.token }), 404, "NOT_FOUND");
    assert.equal((await call("GET", "/api/me", { token: a.token })).status, 200);
  });

  it("refuse requests without or with a garbage bearer token", async () => {
    assertProblem(await call("GET", "/api/me"), 401, "UNAUTHENTICATED");
    assertProblem(await call("GET", "/api/me", { token: "prs_garbage" }), 401, "UNAUTHENTICATED");
    assertProblem(await call("GET", "/api/me", { headers: { authorization: "Basic abc" } }), 401, "UNAUTHENTICATED");
  });
});

describe("login throttling", () => {
  it("slows down repeated failures for one account, with Retry-After", async () => {
    const teacher = await newTeacher();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await call("POST", "/api/tokens", { body: { email: teacher.email, password: `wrong-${i}` } })).status);
    }
    assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
    assert.equal(statuses[5], 429);
    const locked = await call("POST", "/api/tokens", { body: { email: teacher.email, password: PASSWORD } });
    assertProblem(locked, 429, "TOO_MANY_ATTEMPTS");
    assert.ok(Number(locked.headers.get("retry-after")) >= 1);
  });

  it("slows down repeated failures from one address across accounts", async () => {
    // Each run uses its own address, so the counters of other tests are not touched.
    const address = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    const headers = { "x-real-ip": address };
    let status = 0;
    let attempts = 0;
    while (attempts < 40 && status !== 429) {
      attempts++;
      status = (await call("POST", "/api/tokens", { headers, body: { email: uniqueEmail(), password: "nope" } })).status;
    }
    assert.equal(status, 429);
    assert.equal(attempts, 31);
    const other = await call("POST", "/api/tokens", {
      headers: { "x-real-ip": "203.0.113.9" },
      body: { email: uniqueEmail(), password: "nope" },
    });
    assertProblem(other, 401, "INVALID_CREDENTIALS");
  });
});

describe("password change", () => {
  it("ends the other browser sessions everywhere, keeps the one that made it signed in, and leaves API tokens alone", async () => {
    const teacher = await newTeacher();
    const [here, elsewhere] = [await browserSession(teacher.email, PASSWORD), await browserSession(teacher.email, PASSWORD)];
    const sameOrigin = { "sec-fetch-site": "same-origin" };
    assert.equal((await call("GET", "/api/me", { headers: { cookie: elsewhere } })).status, 200);

    const changed = await call("PUT", "/api/me/password", {
      headers: { cookie: here, ...sameOrigin },
      body: { currentPassword: PASSWORD, newPassword: "a brand new password" },
    });
    assert.equal(changed.status, 204);
    const renewed = changed.headers.getSetCookie().find((c) => c.includes("session-token="));
    assert.ok(renewed, "the answer renews this browser's session");
    assert.match(renewed, /HttpOnly/i);

    assertProblem(await call("GET", "/api/me", { headers: { cookie: elsewhere } }), 401, "UNAUTHENTICATED");
    assertProblem(await call("GET", "/api/me", { headers: { cookie: here } }), 401, "UNAUTHENTICATED");
    assert.equal((await call("GET", "/api/me", { headers: { cookie: renewed.split(";")[0] ?? "" } })).status, 200);
    const page = await fetch(`${baseUrl}/dashboard`, { headers: { cookie: elsewhere }, redirect: "manual" });
    assert.match(page.headers.get("location") ?? "", /\/login/, "pages send an outdated session to the login");
    assert.equal((await call("GET", "/api/me", { token: teacher.token })).status, 200, "API tokens stay valid");
    assert.equal(
      (await call("GET", "/api/me", { headers: { cookie: await browserSession(teacher.email, "a brand new password") } })).status,
      200,
    );
  });

  it("is throttled like a login, so a stolen session cannot guess the current password", async () => {
    const teacher = await newTeacher();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const reply = await call("PUT", "/api/me/password", {
        token: teacher.token,
        headers: { "x-real-ip": "192.0.2.77" },
        body: { currentPassword: `guess-${i}`, newPassword: "a brand new password" },
      });
      statuses.push(reply.status);
    }
    assert.deepEqual(statuses, [403, 403, 403, 403, 403, 429]);
  });
});

describe("a stolen token or session", () => {
  type Problem = { code: string; errors?: { field: string; code: string }[] };

  it("cannot change the sign-in e-mail without the current password", async () => {
    const teacher = await newTeacher();
    const email = uniqueEmail();
    const missing = await call<Problem>("PATCH", "/api/me", { token: teacher.token, body: { email } });
    assertProblem(missing, 400, "VALIDATION_FAILED");
    assert.deepEqual(
      missing.body.errors?.map((e) => [e.field, e.code]),
      [["currentPassword", "required"]],
    );
    const wrong = await call<Problem>("PATCH", "/api/me", { token: teacher.token, body: { email, currentPassword: "a guess" } });
    assertProblem(wrong, 403, "WRONG_PASSWORD");
    assert.deepEqual(
      wrong.body.errors?.map((e) => [e.field, e.code]),
      [["currentPassword", "wrong"]],
    );
    assert.equal((await call<{ email: string }>("GET", "/api/me", { token: teacher.token })).body.email, teacher.email);

    const right = await call<{ email: string }>("PATCH", "/api/me", { token: teacher.token, body: { email, currentPassword: PASSWORD } });
    assert.equal(right.status, 200);
    assert.equal(right.body.email, email);
    assert.equal((await call("POST", "/api/tokens", { body: { email, password: PASSWORD } })).status, 201);
  });

  it("learns nothing about whether an e-mail has an account", async () => {
    const [teacher, other] = [await newTeacher(), await newTeacher()];
    const comparable = (reply: Reply<Problem>) => [reply.status, reply.body.code, JSON.stringify(reply.body.errors)];
    for (const currentPassword of [undefined, "a guess"]) {
      const taken = await call<Problem>("PATCH", "/api/me", { token: teacher.token, body: { email: other.email, currentPassword } });
      const free = await call<Problem>("PATCH", "/api/me", { token: teacher.token, body: { email: uniqueEmail(), currentPassword } });
      assert.deepEqual(comparable(taken), comparable(free));
    }
    // The owner, who knows the password, is told what registration tells anyone.
    const owner = await call("PATCH", "/api/me", { token: teacher.token, body: { email: other.email, currentPassword: PASSWORD } });
    assertProblem(owner, 409, "EMAIL_TAKEN");
  });

  it("is cut off by a password change that revokes the API tokens", async () => {
    const teacher = await newTeacher();
    const second = await call<{ token: string }>("POST", "/api/tokens", {
      body: { email: teacher.email, password: PASSWORD, label: "stolen" },
    });
    const kept = await call("PUT", "/api/me/password", {
      token: teacher.token,
      body: { currentPassword: PASSWORD, newPassword: "a brand new password" },
    });
    assert.equal(kept.status, 204);
    assert.equal((await call("GET", "/api/me", { token: second.body.token })).status, 200, "tokens stay unless asked");
    const revoked = await call("PUT", "/api/me/password", {
      token: teacher.token,
      body: { currentPassword: "a brand new password", newPassword: "yet another new password", revokeTokens: true },
    });
    assert.equal(revoked.status, 204);
    for (const token of [teacher.token, second.body.token]) assertProblem(await call("GET", "/api/me", { token }), 401, "UNAUTHENTICATED");
    const fresh = await call<{ token: string }>("POST", "/api/tokens", {
      body: { email: teacher.email, password: "yet another new password" },
    });
    assert.equal((await call("GET", "/api/me", { token: fresh.body.token })).status, 200);
  });

  it("is ended by signing out: a copy of the session cookie no longer works anywhere", async () => {
    const teacher = await newTeacher();
    const other = await browserSession(teacher.email, PASSWORD);
    const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const session = await browserSession(teacher.email, PASSWORD);
    const copy = session;
    const jar = [session, ...csrf.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
    assert.equal((await call("GET", "/api/me", { headers: { cookie: copy } })).status, 200);

    const out = await fetch(`${baseUrl}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
      body: new URLSearchParams({ csrfToken, json: "true" }),
    });
    await out.arrayBuffer();
    assert.ok(out.status < 400, `sign-out answered ${out.status}`);

    assertProblem(await call("GET", "/api/me", { headers: { cookie: copy } }), 401, "UNAUTHENTICATED");
    const page = await fetch(`${baseUrl}/dashboard`, { headers: { cookie: copy }, redirect: "manual" });
    await page.arrayBuffer();
    assert.match(page.headers.get("location") ?? "", /\/login/, "pages send the ended session to the login");
    // Renewing the copy gives back no identity, so it cannot outlive the revocation record.
    const renewal = await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie: copy } });
    await renewal.arrayBuffer();
    const renewed =
      renewal.headers
        .getSetCookie()
        .find((c) => c.includes("session-token="))
        ?.split(";")[0] ?? copy;
    assertProblem(await call("GET", "/api/me", { headers: { cookie: renewed } }), 401, "UNAUTHENTICATED");
    assert.equal((await call("GET", "/api/me", { headers: { cookie: other } })).status, 200, "other sessions stay signed in");
  });
});

describe("login throttling under a burst", () => {
  const tokenRequest = (address: string, email: string, password: string) =>
    fetch(`${baseUrl}/api/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-real-ip": address },
      body: JSON.stringify({ email, password }),
    }).then(async (r) => ({ status: r.status, body: await r.text() }));

  it("checks at most the allowance of concurrent wrong passwords, and the right one from elsewhere still signs in", async () => {
    const teacher = await newTeacher();
    const attacker = `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
    const burst = await Promise.all(Array.from({ length: 60 }, (_, i) => tokenRequest(attacker, teacher.email, `wrong-${i}`)));
    const checked = burst.filter((r) => r.status === 401).length;
    assert.ok(checked >= 1 && checked <= 5, `${checked} wrong passwords were checked`);
    assert.equal(burst.filter((r) => r.status === 429).length, 60 - checked);
    assert.equal((await tokenRequest(attacker, teacher.email, PASSWORD)).status, 429, "the attacking address stays locked");
    assert.equal((await tokenRequest("192.0.2.200", teacher.email, PASSWORD)).status, 201, "the teacher is not locked out");
  });
});

describe("registration throttling", () => {
  const perAddress = 3;
  const perDomain = 5;
  let instance: Instance;

  before(async () => {
    instance = await startInstance("register-throttle", {
      TRUST_PROXY: "true",
      REGISTER_MAX_PER_ADDRESS: String(perAddress),
      REGISTER_MAX_PER_DOMAIN: String(perDomain),
    });
  });
  after(async () => {
    await instance?.stop();
  });

  const register = async (address: string, email: string) => {
    const response = await fetch(`${instance.url}/api/accounts`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-real-ip": address },
      body: JSON.stringify({ email, name: "Throttled Teacher", password: PASSWORD }),
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  const freshDomain = () => `d${randomUUID().slice(0, 8)}.example.net`;
  const freshAddress = () => `100.64.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;

  it("lets one address register a few at once, concurrently too, then answers 429 with Retry-After", async () => {
    const address = freshAddress();
    const burst = await Promise.all(Array.from({ length: 12 }, () => register(address, `t@${freshDomain()}`)));
    assert.equal(burst.filter((r) => r.status === 201).length, perAddress);
    const refused = burst.find((r) => r.status === 429);
    assert.ok(refused);
    assert.match(refused.headers.get("content-type") ?? "", /application\/problem\+json/);
    assert.equal((JSON.parse(refused.text) as { code: string }).code, "TOO_MANY_REGISTRATIONS");
    assert.ok(Number(refused.headers.get("retry-after")) >= 1);
    assert.equal((await register(freshAddress(), `t@${freshDomain()}`)).status, 201, "other addresses are not affected");
  });

  it("limits one e-mail domain across addresses", async () => {
    const domain = freshDomain();
    const burst = await Promise.all(Array.from({ length: 9 }, (_, i) => register(freshAddress(), `t${i}@${domain}`)));
    assert.equal(burst.filter((r) => r.status === 201).length, perDomain);
    assert.ok(
      burst.filter((r) => r.status === 429).every((r) => (JSON.parse(r.text) as { code: string }).code === "TOO_MANY_REGISTRATIONS"),
    );
  });
});
