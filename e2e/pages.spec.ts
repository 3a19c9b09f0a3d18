import { expect, test, type Page } from "@playwright/test";
import { call, closeDb, expectAccessible, newSheet, newTeacher, phone, projectedUrl, saveScreenshot, signIn } from "./support";

test.afterAll(closeDb);

/** Nothing wider than the screen: usable at 360 px, which is also 720 px at 200% zoom. */
async function expectNoSideways(page: Page, where: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `horizontal overflow on ${where}`).toBeLessThanOrEqual(0);
}

// Each page gets a full axe-core scan, which takes a few seconds on a busy machine.
test.describe.configure({ timeout: 180_000 });

test("the teacher's pages pass an automated accessibility scan and fit a 360 px screen", async ({ page, browser }) => {
  const teacher = await newTeacher("Helena Matos");
  const sheet = await newSheet(teacher, "Teórica 2");
  await call("POST", `/api/sheets/${sheet.id}/attendances`, {
    token: teacher.token,
    body: { studentNumber: "UP202300020", name: "Leonor Vaz" },
  });
  await signIn(page, teacher.email);
  const paths = ["/dashboard", `/sheets/${sheet.id}`, `/sheets/${sheet.id}/projection`, "/profile"];
  for (const path of paths) {
    await page.goto(path);
    await expect(page.locator("h1")).toBeVisible();
    await expectAccessible(page, path);
  }
  const teacherPhone = await phone(browser);
  const small = await teacherPhone.newPage();
  await small.setViewportSize({ width: 360, height: 740 });
  await signIn(small, teacher.email);
  for (const path of paths) {
    await small.goto(path);
    await expect(small.locator("h1")).toBeVisible();
    await expectNoSideways(small, `${path} (phone)`);
  }
  await teacherPhone.close();
});

test("the public and student pages pass an automated accessibility scan and fit a 360 px screen", async ({ page, browser }, testInfo) => {
  const teacher = await newTeacher("Helena Matos");
  const sheet = await newSheet(teacher, "Teórica 2");
  await signIn(page, teacher.email);
  await page.goto(`/sheets/${sheet.id}/projection`);

  const student = await phone(browser);
  const mobile = await student.newPage();
  await mobile.setViewportSize({ width: 360, height: 740 });
  for (const path of ["/", "/login", "/register", "/scan", "/offline", `/c/${sheet.code}`, "/c/AAAAAA", "/no-such-page"]) {
    await mobile.goto(path);
    await expect(mobile.locator("h1").first()).toBeVisible();
    await expectAccessible(mobile, path);
    await expectNoSideways(mobile, path);
  }
  await mobile.goto("/scan");
  await saveScreenshot(mobile, "student-scan", testInfo);
  await mobile.goto(await projectedUrl(page));
  await expect(mobile.getByLabel("Student number")).toBeVisible();
  // A student sees the course unit, not who teaches it nor what the lesson is about.
  await expect(mobile.getByText("Helena Matos")).toHaveCount(0);
  await expect(mobile.getByText("Teórica 2")).toHaveCount(0);
  await expectNoSideways(mobile, "check-in form");
  await saveScreenshot(mobile, "student-checkin", testInfo);
  await student.close();
});

test("Portuguese and English both render; the browser's language picks one and the switch changes it", async ({ browser }) => {
  const teacher = await newTeacher("Paulo Nunes");
  const sheet = await newSheet(teacher);
  const context = await phone(browser, "pt-PT");
  const page = await context.newPage();

  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "pt");
  await expect(page.getByRole("heading", { name: "Registe a sua presença" })).toBeVisible();
  await expectAccessible(page, "/ (pt)");
  await page.goto(`/c/${sheet.code}`);
  await expect(page.getByText("Escreva os 4 dígitos mostrados ao lado do código no ecrã.")).toBeVisible();
  await expectAccessible(page, "check-in (pt)");
  await call("PATCH", `/api/sheets/${sheet.id}`, { token: teacher.token, body: { status: "closed" } });
  await page.reload();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "Esta folha de presenças está fechada. Peça a quem dá a aula que faça o seu registo.",
  );

  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page).toHaveURL(new RegExp(`/c/${sheet.code}$`));
  await expect(page.getByRole("main").getByRole("alert")).toContainText("This attendance sheet is closed. Ask your teacher to add you.");
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByRole("button", { name: "Mudar para português" }).click();
  await expect(page.getByRole("heading", { name: "Entrar" })).toBeVisible();
  await context.close();
});
