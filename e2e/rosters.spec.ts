import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { checkin, ticketFor } from "../test/helpers/api";
import { newCourseUnit, rosterCsv, sheetIn } from "../test/helpers/rosters";
import { closeDb, db, expectAccessible, newTeacher, saveScreenshot, signIn } from "./support";

test.afterAll(closeDb);

test("a teacher imports a roster, watches absentees and a typo suggestion fill in, excuses an absence and opens the report", async ({
  page,
}, testInfo) => {
  const teacher = await newTeacher("Rita Gomes");
  const unit = await newCourseUnit(teacher);
  await signIn(page, teacher.email);

  await test.step("import a roster file with a preview", async () => {
    const file = testInfo.outputPath("inscritos.csv");
    fs.writeFileSync(
      file,
      rosterCsv([
        { number: "UP202500001", name: "Inês Faria", group: "T1" },
        { number: "UP202500002", name: "Tiago Rocha", group: "T1" },
        { number: "UP202500003", name: "Marta Cunha", group: "T2" },
      ]),
    );
    await page.goto(`/course-units/${unit}`);
    await page.getByLabel("Roster file").setInputFiles(file);
    await expect(page.getByText("Reading the file… 100%")).toBeVisible();
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByTestId("preview-counts")).toHaveText("3 to add, 0 to update, 0 unchanged, 0 to remove, 0 invalid");
    await page.getByRole("button", { name: "Import 3 students" }).click();
    await expect(page.getByText("Roster imported: 3 added, 0 updated, 0 removed.")).toBeVisible();
    await expect(page.getByRole("cell", { name: "Marta Cunha", exact: true })).toBeVisible();
    await expectAccessible(page, "the roster page");
  });

  await test.step("find a student by part of the name, without accents, or by group", async () => {
    const filter = page.getByLabel("Find a student (number, name or group)");
    await filter.fill("ines");
    await expect(page.getByText("Showing 1 of 1")).toBeVisible();
    await expect(page.getByRole("cell", { name: "Inês Faria", exact: true })).toBeVisible();
    await expect(page.getByRole("cell", { name: "Marta Cunha", exact: true })).toBeHidden();
    await filter.fill("t1");
    await expect(page.getByText("Showing 2 of 2")).toBeVisible();
    await filter.fill("");
    await expect(page.getByText("Showing 3 of 3")).toBeVisible();
  });

  const sheet = await sheetIn(teacher, unit, "Aula 2");
  await test.step("absentees and a one-typo suggestion fill in live, and the correction takes one click", async () => {
    await page.goto(`/sheets/${sheet.id}`);
    const absentees = page.getByTestId("absentees");
    await expect(absentees.getByText("UP202500001")).toBeVisible();
    // Each student on a phone of their own: a ticket registers one student.
    expect((await checkin(sheet, await ticketFor(teacher, sheet), { studentNumber: "UP202500001", name: "Inês Faria" })).status).toBe(201);
    // Two digits swapped: UP202500002 typed as UP202500020.
    expect((await checkin(sheet, await ticketFor(teacher, sheet), { studentNumber: "UP202500020", name: "Tiago Rocha" })).status).toBe(201);
    await expect(absentees.getByText("UP202500001")).toHaveCount(0);
    const unknown = page.getByTestId("not-on-roster");
    await expect(unknown.getByText("UP202500020")).toBeVisible();
    await page.getByRole("button", { name: "Change UP202500020 to UP202500002 (Tiago Rocha)" }).click();
    await expect(page.getByText("UP202500020 changed to UP202500002.")).toBeVisible();
    await expect(unknown).toHaveCount(0);
    await expect(page.getByRole("cell", { name: "UP202500002" })).toBeVisible();
    await expectAccessible(page, "the sheet page with its roster panel");
  });

  await test.step("mark an excused absence with a note", async () => {
    await page.getByRole("button", { name: "Excuse Marta Cunha" }).click();
    await page.getByLabel("Note (optional)").fill("Atestado médico");
    await page.getByRole("button", { name: "Mark excused" }).click();
    await expect(page.getByText("Marta Cunha marked excused.")).toBeVisible();
    await expect(page.getByText("Every enrolled student is here.")).toBeVisible();
    const { rows } = await db().query(
      "SELECT status, status_note FROM attendances WHERE sheet_id = $1 AND student_number = 'UP202500003'",
      [sheet.id],
    );
    expect(rows).toEqual([{ status: "excused", status_note: "Atestado médico" }]);
    await saveScreenshot(page, "sheet-roster", testInfo);
  });

  await test.step("open the term report", async () => {
    await page.getByRole("link", { name: "Roster and term report" }).click();
    await page.getByRole("link", { name: "Term report", exact: true }).click();
    await page.waitForURL(/\/report$/, { timeout: 30_000 });
    await expect(page.getByRole("heading", { name: /term report/ })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole("img", { name: /Stacked bars per session/ })).toBeVisible();
    const row = page.getByRole("row", { name: /UP202500003/ });
    await expect(row).toContainText("Marta Cunha");
    await expect(row).toContainText("E");
    await expectAccessible(page, "the term report");
    await saveScreenshot(page, "term-report", testInfo);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download XLSX" }).click();
    expect((await download).suggestedFilename()).toMatch(/^report-.*\.xlsx$/);
  });
});
