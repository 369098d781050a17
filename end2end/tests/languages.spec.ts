import { test, expect } from "@playwright/test";
import { waitForHydration } from "./helpers";

test("the home page is in Georgian by default", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "ka");
  await expect(page.getByRole("heading", { level: 1, name: "სოციალურ საწარმოთა ალიანსი" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "მთავარი ნავიგაცია" })).toBeVisible();
  await expect(page).toHaveTitle("სოციალურ საწარმოთა ალიანსი");
});

test("switching to English persists across navigation and reload", async ({ page }) => {
  await page.goto("/news?page=1");
  await waitForHydration(page);
  await page.getByRole("button", { name: /English/ }).click();
  // The same page comes back, rendered in English by the server.
  await expect(page).toHaveURL(/\/news\?page=1$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "News" })).toBeVisible();
  await waitForHydration(page);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Social Enterprises Alliance" })).toBeVisible();

  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "About" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "About the Alliance" })).toBeVisible();

  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "About the Alliance" })).toBeVisible();

  await page.getByRole("button", { name: /ქართული/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "ალიანსის შესახებ" })).toBeVisible();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "ka");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the language switch is a form that works and comes back to the same page", async ({ page }) => {
    await page.goto("/news");
    await page.getByRole("button", { name: /English/ }).click();
    await expect(page).toHaveURL(/\/news$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1, name: "News" })).toBeVisible();
  });
});
