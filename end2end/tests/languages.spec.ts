import { test, expect } from "@playwright/test";
import { waitForHydration } from "./helpers";

test("the home page is in Georgian by default", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "ka");
  await expect(page.getByRole("heading", { level: 1, name: "სოციალურ საწარმოთა ალიანსი" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "მთავარი ნავიგაცია" })).toBeVisible();
  await expect(page).toHaveTitle("სოციალურ საწარმოთა ალიანსი");
});

test("English has its own addresses: the switch goes there, links stay there, and / remembers it", async ({ page }) => {
  await page.goto("/news?page=1");
  await waitForHydration(page);
  await page.getByRole("link", { name: /English/ }).click();
  // The same page at its English address, query kept.
  await expect(page).toHaveURL(/\/en\/news\?page=1$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "News" })).toBeVisible();
  await waitForHydration(page);

  // The site's links keep to English, navigated in the browser.
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "About" }).click();
  await expect(page).toHaveURL(/\/en\/about$/);
  await expect(page.getByRole("heading", { level: 1, name: "About the Alliance" })).toBeVisible();
  // The head names the page shown, after a move without a page load too.
  const origin = new URL(page.url()).origin;
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${origin}/en/about`);
  await expect(page.locator('link[rel="alternate"][hreflang="ka"]')).toHaveAttribute("href", `${origin}/about`);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Members" }).click();
  await expect(page).toHaveURL(/\/en\/members$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Member");
  await page.goBack();
  await expect(page).toHaveURL(/\/en\/about$/);
  await expect(page.getByRole("heading", { level: 1, name: "About the Alliance" })).toBeVisible();

  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "About the Alliance" })).toBeVisible();

  // Coming back to / from elsewhere (typed, bookmarked) opens the English home.
  await page.goto("/");
  await expect(page).toHaveURL(/\/en\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "Social Enterprises Alliance" })).toBeVisible();

  // Switching back: the Georgian address, and / is Georgian again.
  await page.getByRole("link", { name: /ქართული/ }).click();
  await expect(page).toHaveURL(/:\d+\/$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "ka");
  await page.goto("/about");
  await expect(page.getByRole("heading", { level: 1, name: "ალიანსის შესახებ" })).toBeVisible();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "ka");
});

test("every page names its address and its translation for search engines", async ({ page }) => {
  await page.goto("/en/members?sector=C");
  const origin = new URL(page.url()).origin;
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${origin}/en/members?sector=C`);
  await expect(page.locator('link[rel="alternate"][hreflang="ka"]')).toHaveAttribute("href", `${origin}/members?sector=C`);
  await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute("href", `${origin}/en/members?sector=C`);
  await expect(page.locator('link[rel="alternate"][hreflang="x-default"]')).toHaveAttribute("href", `${origin}/members?sector=C`);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /\w/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the language switch is a link to the same page in the other language", async ({ page }) => {
    await page.goto("/news");
    await page.getByRole("link", { name: /English/ }).click();
    await expect(page).toHaveURL(/\/en\/news$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1, name: "News" })).toBeVisible();
    await page.getByRole("link", { name: /ქართული/ }).click();
    await expect(page).toHaveURL(/:\d+\/news$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "ka");
  });
});
