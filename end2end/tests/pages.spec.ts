import { test, expect } from "@playwright/test";
import { PUBLIC_PAGES, collectErrors, expectNoAxeViolations, keepScreenshot, waitForHydration, readsEnglish } from "./helpers";

for (const lang of ["ka", "en"]) {
  for (const { name, path } of PUBLIC_PAGES) {
    test(`${name} (${lang}) hydrates without console errors and has no axe violations`, async ({ page, context }) => {
      if (lang === "en") await readsEnglish(context);
      const errors = collectErrors(page);
      const response = await page.goto(path);
      expect(response?.status()).toBe(name === "not-found" ? 404 : 200);
      await waitForHydration(page);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoAxeViolations(page);
      await keepScreenshot(page, `${name}-${lang}`);
      // The 404 page's own status is reported by the browser as a console error.
      const expected = name === "not-found" ? errors.filter((e) => !e.includes("404")) : errors;
      expect(expected).toEqual([]);
    });
  }
}

test("a visitor reads the latest news from the home page", async ({ page }) => {
  await page.goto("/");
  await waitForHydration(page);
  await page.getByRole("link", { name: "წევრთა საერთო კრებამ 2025 წლის ანგარიში დაამტკიცა" }).click();
  await expect(page).toHaveURL(/\/news\/general-assembly-2026$/);
  await expect(page.getByRole("heading", { level: 1, name: "წევრთა საერთო კრებამ 2025 წლის ანგარიში დაამტკიცა" })).toBeVisible();
  await expect(page.getByText("20 მარტი, 2026")).toBeVisible();
});

test("the member list loads its code on demand and lists the demo members", async ({ page }) => {
  await page.goto("/");
  await waitForHydration(page);
  await page.getByRole("navigation", { name: "მთავარი ნავიგაცია" }).getByRole("link", { name: "წევრები" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "ალიანსის წევრები" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "ბაზარი" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("წევრი ორგანიზაცია");
});

test("the page's title names a page at every moment, while a page's code is still on its way", async ({ page }) => {
  // A page's own code (a split-out chunk) arrives late, as on a slow line.
  await page.route(/\/chunk_\d+\.wasm$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    await route.continue();
  });
  // Every title the document takes once its first one has been read.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __titles: string[] }).__titles = seen;
    new MutationObserver(() => {
      if (seen.length === 0 && document.title === "") return;
      if (seen[seen.length - 1] !== document.title) seen.push(document.title);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto("/about");
  await waitForHydration(page);
  await expect(page).toHaveTitle("ალიანსის შესახებ — სოციალურ საწარმოთა ალიანსი");
  const nav = page.getByRole("navigation", { name: "მთავარი ნავიგაცია" });
  for (const [link, title] of [
    ["წევრები", "ალიანსის წევრები"],
    ["სიახლეები", "სიახლეები"],
    ["გამგეობა", "გამგეობა"],
    ["მთავარი", null],
  ]) {
    await nav.getByRole("link", { name: link, exact: true }).click();
    await expect(page).toHaveTitle(title ? `${title} — სოციალურ საწარმოთა ალიანსი` : "სოციალურ საწარმოთა ალიანსი");
  }
  const titles = await page.evaluate(() => (window as unknown as { __titles: string[] }).__titles);
  expect(titles.filter((title) => title.trim() === ""), `titles seen: ${JSON.stringify(titles)}`).toEqual([]);
});

test("the Board page shows the Board in office with its term, and the past Board", async ({ page }) => {
  await page.goto("/board");
  const current = page.getByRole("region", { name: "მოქმედი გამგეობა" });
  await expect(current.getByRole("row")).toHaveCount(8);
  await expect(current.getByRole("rowheader", { name: "ნინო ბერიძე" })).toBeVisible();
  await expect(current.getByText(/^უფლებამოსილების ვადა: /)).toBeVisible();
  const past = page.getByRole("region", { name: "წინა გამგეობები" });
  await expect(past.getByRole("rowheader", { name: "გიორგი კაპანაძე" })).toBeVisible();
  await expectNoAxeViolations(page);
  await keepScreenshot(page, "board-ka");
});

test("the layout works on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/");
  await expect(page.getByRole("navigation", { name: "მთავარი ნავიგაცია" }).getByRole("link", { name: "სიახლეები" })).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, "no horizontal scrolling").toBeLessThanOrEqual(375);
  await keepScreenshot(page, "home-phone");
});
