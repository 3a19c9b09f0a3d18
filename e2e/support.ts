/** Shared steps of the browser tests: teachers and sheets made through the API, then driven by hand. */
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { devices, expect, type Browser, type Page, type TestInfo } from "@playwright/test";
import { PASSWORD, call, closeDb, db, newSheet, newTeacher, type Sheet, type Teacher } from "../test/helpers/api";

export { PASSWORD, call, closeDb, db, newSheet, newTeacher, type Sheet, type Teacher };

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** A signed-in teacher in `page` with one open sheet. */
export async function teacherWithSheet(page: Page, summary = "Aula 1"): Promise<{ teacher: Teacher; sheet: Sheet }> {
  const teacher = await newTeacher("Ana Sousa");
  const sheet = await newSheet(teacher, summary);
  await signIn(page, teacher.email);
  return { teacher, sheet };
}

/** A student's phone: a fresh browser context with a phone's screen, touch and user agent. */
export async function phone(browser: Browser, locale = "en-GB") {
  return browser.newContext({ ...devices["Pixel 7"], locale });
}

/** The URL the projection page's QR encodes right now. */
export async function projectedUrl(page: Page): Promise<string> {
  const qr = page.getByRole("img", { name: "QR code to register attendance on this sheet" });
  await expect(qr).toHaveAttribute("data-url", /\/c\/[A-Z0-9]{6}\?t=/);
  return (await qr.getAttribute("data-url")) ?? "";
}

/** Pictures of the main screens: into docs/screenshots/ with UPDATE_SCREENSHOTS=1, else the test's output. */
export async function saveScreenshot(page: Page, name: string, testInfo: TestInfo): Promise<void> {
  const file =
    process.env.UPDATE_SCREENSHOTS === "1" ? path.join("docs", "screenshots", `${name}.png`) : testInfo.outputPath(`${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, animations: "disabled", caret: "hide" });
}

/** No serious or critical WCAG 2.2 A/AA violation found by axe-core. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(bad, `accessibility violations on ${where}`).toEqual([]);
}

export async function attendances(sheetId: string) {
  const { rows } = await db().query<{ student_number: string; name: string; method: string; removed_at: Date | null }>(
    "SELECT student_number, name, method, removed_at FROM attendances WHERE sheet_id = $1 ORDER BY created_at",
    [sheetId],
  );
  return rows;
}
