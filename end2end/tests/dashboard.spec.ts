import { test, expect } from "@playwright/test";
import { collectErrors, expectNoAxeViolations, keepScreenshot, readsEnglish } from "./helpers";

for (const lang of ["ka", "en"] as const) {
  test(`the secretariat opens its dashboard from the header (${lang})`, async ({ browser }) => {
    const context = await browser.newContext();
    if (lang === "en") await readsEnglish(context);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto("/login");
    await page.locator("#field-email").fill("staff@alliance.example.org");
    await page.locator("#field-password").fill("staff-demo-Alliance-2026");
    await page.locator("main form button[type=submit]").click();
    await expect(page).toHaveURL(/\/account$/);
    const name = lang === "en" ? "Dashboard" : "სამუშაო დაფა";
    await page.getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    const waiting = lang === "en" ? "Applications waiting for a decision" : "გადაწყვეტილების მომლოდინე განაცხადები";
    const part = page.getByRole("region", { name: waiting });
    await expect(part.getByRole("link").first()).toBeVisible();
    await expectNoAxeViolations(page);
    await keepScreenshot(page, `dashboard-${lang}`);
    expect(errors).toEqual([]);
  });
}
