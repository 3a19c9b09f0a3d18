import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { assertProblem, call, checkin, closeDb, firstCourseUnitId, PASSWORD, ticketFor, uniqueEmail } from "../helpers/api";

after(closeDb);

// The seven steps of the original deployment workshop, over the API.
describe("the workshop walkthrough", () => {
  it("register, log in, create a sheet, register two students, read, close, log out", async () => {
    const email = uniqueEmail();
    // 1. register
    assert.equal((await call("POST", "/api/accounts", { body: { email, name: "Prof. Workshop", password: PASSWORD } })).status, 201);
    // 2. log in
    const login = await call<{ token: string }>("POST", "/api/tokens", { body: { email, password: PASSWORD, label: "workshop" } });
    assert.equal(login.status, 201);
    const token = login.body.token;
    // 3. create a sheet
    const courseUnitId = await firstCourseUnitId(token);
    const created = await call<{ id: string; code: string; status: "open" }>("POST", "/api/sheets", {
      token,
      body: { courseUnitId, summary: "Deployment workshop" },
    });
    assert.equal(created.status, 201);
    const sheet = created.body;
    const teacher = { id: "", email, token };
    // 4. register two students
    const ticket = await ticketFor(teacher, sheet);
    assert.equal((await checkin(sheet, ticket, { studentNumber: "201900001", name: "Alice Alves" })).status, 201);
    assert.equal((await checkin(sheet, await ticketFor(teacher, sheet), { studentNumber: "201900002", name: "Bruno Braga" })).status, 201);
    // 5. read the records
    const list = await call<{ items: { studentNumber: string; name: string }[] }>("GET", `/api/sheets/${sheet.id}/attendances`, { token });
    assert.deepEqual(
      list.body.items.map((a) => [a.studentNumber, a.name]),
      [
        ["201900001", "Alice Alves"],
        ["201900002", "Bruno Braga"],
      ],
    );
    // 6. close the sheet: a later student is refused
    assert.equal((await call("PATCH", `/api/sheets/${sheet.id}`, { token, body: { status: "closed" } })).status, 200);
    assertProblem(await checkin(sheet, ticket, { studentNumber: "201900003", name: "Carla Costa" }), 409, "SHEET_CLOSED");
    // 7. log out: the token stops working
    assert.equal((await call("DELETE", "/api/tokens/current", { token })).status, 204);
    assertProblem(await call("GET", `/api/sheets/${sheet.id}`, { token }), 401, "UNAUTHENTICATED");
  });
});
