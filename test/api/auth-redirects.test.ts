import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { baseUrl, call } from "../helpers/api";

describe("next-auth's own redirects", () => {
  it("point at the public origin, not next-auth's default of localhost:3000", async () => {
    const reply = await call("GET", "/api/auth/signin");
    assert.equal(reply.status, 302);
    const location = new URL(reply.headers.get("location") ?? "", baseUrl);
    assert.equal(location.pathname, "/login");
    assert.equal(new URL(location.searchParams.get("callbackUrl") ?? "").origin, new URL(baseUrl).origin);
  });
});
