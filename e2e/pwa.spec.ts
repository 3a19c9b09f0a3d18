import { expect, test } from "@playwright/test";
import { closeDb, newSheet, newTeacher, signIn } from "./support";

test.afterAll(closeDb);

test("the app is installable: a manifest with maskable icons, served icons", async ({ request }) => {
  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.ok()).toBe(true);
  const body = (await manifest.json()) as {
    name: string;
    short_name: string;
    display: string;
    start_url: string;
    icons: { src: string; purpose: string }[];
  };
  expect(body).toMatchObject({ name: "Presença", short_name: "Presença", display: "standalone", start_url: "/" });
  expect(body.icons.some((i) => i.purpose === "maskable")).toBe(true);
  for (const icon of body.icons) expect((await request.get(icon.src)).headers()["content-type"]).toBe("image/png");
});

test("the service worker precaches the shell, shows the offline page without a connection and never caches the API or pages", async ({
  page,
}) => {
  const teacher = await newTeacher("Sofia Prata");
  const sheet = await newSheet(teacher);
  await signIn(page, teacher.email);
  await page.goto(`/sheets/${sheet.id}`);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    }
    return urls;
  });
  expect(cached).toContain("/offline");
  expect(cached.some((u) => u.startsWith("/_next/static/"))).toBe(true);
  expect(cached.filter((u) => u.startsWith("/api/") || u.startsWith("/sheets") || u === "/dashboard")).toEqual([]);

  await page.context().setOffline(true);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Está sem ligação" })).toBeVisible();
  await page.context().setOffline(false);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "My sheets", level: 1 })).toBeVisible();
});
