import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { call, checkin, closeDb, newSheet, newTeacher, ticketFor } from "../helpers/api";

after(closeDb);

describe("service basics", () => {
  it("reports health with the instance id", async () => {
    const reply = await call<{ status: string; instance: string }>("GET", "/api/health");
    assert.equal(reply.status, 200);
    assert.equal(reply.body.status, "ok");
    assert.equal(reply.body.instance, "test-1");
  });

  it("is ready when the database is reachable and migrated", async () => {
    const reply = await call<{ ready: boolean }>("GET", "/api/ready");
    assert.equal(reply.status, 200);
    assert.equal(reply.body.ready, true);
  });

  it("registers a student through the QR flow", async () => {
    const teacher = await newTeacher();
    const sheet = await newSheet(teacher);
    const ticket = await ticketFor(teacher, sheet);
    const reply = await checkin(sheet, ticket, { studentNumber: "up202300001", name: "Maria Silva" });
    assert.equal(reply.status, 201);
    assert.equal(reply.body.studentNumber, "UP202300001");
    assert.equal(reply.body.method, "qr");
  });
});
