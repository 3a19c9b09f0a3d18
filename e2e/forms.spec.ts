/**
 * The forms' rough edges: field errors that say what is wrong, typed input that survives a wrong code
 * and a language switch, the offline page's retry, the token form's wording and revocation, hints
 * under their own fields and inputs that line up.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { PASSWORD, closeDb, expectAccessible, newSheet, newTeacher, signIn } from "./support";

test.afterAll(closeDb);
test.describe.configure({ timeout: 120_000 });

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error("not on screen");
  return b;
}

/** The ids the field's aria-describedby names, resolved to their texts. */
async function description(page: Page, field: Locator): Promise<string[]> {
  const ids = ((await field.getAttribute("aria-describedby")) ?? "").split(" ").filter(Boolean);
  return Promise.all(ids.map(async (id) => (await page.locator(`#${id}`).textContent()) ?? ""));
}

test("field errors say what is wrong, in the form's order, on marked fields, with focus on the first", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("Name").fill("A");
  await page.getByLabel("E-mail").fill("not an address");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();

  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toHaveText(
    "Check these fields: Name (must have at least 2 characters); E-mail (must be an e-mail address such as name@example.org); " +
      "Password (must have at least 10 characters).",
  );
  const name = page.getByLabel("Name");
  await expect(name).toBeFocused();
  for (const field of [name, page.getByLabel("E-mail"), page.getByLabel("Password")])
    await expect(field).toHaveAttribute("aria-invalid", "true");
  expect(await description(page, page.getByLabel("Password"))).toEqual(["must have at least 10 characters", "At least 10 characters."]);
  const outline = await name.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe("none");
  await expectAccessible(page, "register form with errors");

  // What only the API can tell (the name is 1 character once spaces are folded) is said the same way.
  await name.fill(" A  ");
  await page.getByLabel("E-mail").fill("ok@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(alert).toHaveText("Check these fields: Name (must have 2 to 120 characters).");
  await expect(name).toBeFocused();
  await expect(page.getByLabel("E-mail")).not.toHaveAttribute("aria-invalid", "true");

  // In Portuguese too.
  await page.getByRole("button", { name: "Mudar para português" }).click();
  await page.getByRole("button", { name: "Criar conta" }).click();
  await expect(alert).toHaveText("Verifique estes campos: Palavra-passe (em falta).");
});

test("a wrong sheet code keeps what was typed, marked, so only the wrong part is retyped", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Sheet code").fill("AAAAAA");
  await page.getByLabel("Digits").fill("1234");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/c\/AAAAAA/);
  const code = page.getByLabel("Sheet code");
  await expect(code).toHaveValue("AAAAAA");
  await expect(code).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Digits")).toHaveValue("1234");
  await expectAccessible(page, "wrong sheet code");
});

test("switching the language keeps what was typed on the page, but never a password", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Sheet code").fill("ACD 479");
  await page.getByLabel("Digits").fill("12 34");
  await page.getByRole("button", { name: "Mudar para português" }).click();
  await expect(page.getByLabel("Código da folha")).toHaveValue("ACD 479");
  await expect(page.getByLabel("Dígitos")).toHaveValue("12 34");

  await page.goto("/register");
  await page.getByLabel("Nome").fill("Rita Quintela");
  await page.getByLabel("Palavra-passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.getByLabel("Name")).toHaveValue("Rita Quintela");
  await expect(page.getByLabel("Password")).toHaveValue("");
  // Kept once: a later visit starts empty.
  await page.reload();
  await expect(page.getByLabel("Name")).toHaveValue("");
});

test('the offline page\'s "Try again" opens the page that could not be loaded', async ({ page }) => {
  const teacher = await newTeacher("Marta Pires");
  const sheet = await newSheet(teacher);
  await signIn(page, teacher.email);
  await page.goto(`/sheets/${sheet.id}`);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true);
  await page.context().setOffline(true);
  await page.goto("/profile");
  await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
  await page.context().setOffline(false);
  await page.getByRole("link", { name: "Try again" }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole("heading", { name: "Profile", level: 1 })).toBeVisible();
});

test("the token form speaks of the password, revoking asks first, and hints sit under their fields", async ({ page }) => {
  const teacher = await newTeacher("Rui Neves");
  await signIn(page, teacher.email);

  await page.goto("/dashboard");
  const summary = page.getByLabel("Summary");
  const summaryHint = page.getByText("What the class is about");
  expect(await description(page, summary)).toContain(await summaryHint.textContent());
  const [s, sh] = [await box(summary), await box(summaryHint)];
  expect(sh.y).toBeGreaterThanOrEqual(s.y + s.height);
  expect(Math.abs(sh.x - s.x)).toBeLessThanOrEqual(1);

  await page.goto("/profile");
  const password = page.locator("#token-password");
  const hint = page.getByText("Confirm with your password.");
  const [p, h] = [await box(password), await box(hint)];
  expect(h.y).toBeGreaterThanOrEqual(p.y + p.height);
  expect(Math.abs(h.x - p.x)).toBeLessThanOrEqual(1);

  await page.getByLabel("Label").fill("backup job");
  await password.fill("not my password");
  await page.getByRole("button", { name: "Create token" }).click();
  const tokens = page.getByRole("region", { name: "API tokens" });
  await expect(tokens.getByRole("status")).toHaveText("Wrong password. Type the password you sign in with.");
  await expect(tokens.getByRole("status")).not.toContainText("e-mail");
  await expect(password).toBeFocused();
  await expect(password).toHaveAttribute("aria-invalid", "true");
  expect(await description(page, password)).toContain("is not your password");

  await password.fill(PASSWORD);
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("new-token")).toBeVisible();

  // By keyboard: Revoke asks, "Keep it" goes back with the token untouched, "Yes, revoke" revokes.
  const revoke = page.getByRole("button", { name: "Revoke backup job" });
  await revoke.focus();
  await page.keyboard.press("Enter");
  const yes = page.getByRole("button", { name: "Yes, revoke" });
  await expect(yes).toBeFocused();
  await expect(tokens.getByText("Revoke “backup job”? Scripts that use it stop working at once.")).toBeVisible();
  await expectAccessible(page, "token revocation question");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(revoke).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(yes).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(tokens.getByRole("status")).toHaveText("Token revoked.");
  await expect(revoke).toHaveCount(0);
});

test("the home page's code inputs line up, on a phone and on a desktop", async ({ page }) => {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto("/");
    const [code, digits, submit] = [
      await box(page.getByLabel("Sheet code")),
      await box(page.getByLabel("Digits")),
      await box(page.getByRole("button", { name: "Continue" })),
    ];
    const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1);
    if (width === 360) {
      near(digits.x, code.x);
      near(digits.width, code.width);
      near(submit.x, code.x);
    } else {
      near(digits.y, code.y);
      near(digits.height, code.height);
      near(submit.y, code.y);
    }
  }
});
