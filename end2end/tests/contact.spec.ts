import { test, expect } from "@playwright/test";
import { collectErrors, expectNoAxeViolations, keepScreenshot, readsEnglish } from "./helpers";

test("an administrator publishes the contacts, and a visitor finds them from the footer", async ({ browser }) => {
  const context = await browser.newContext();
  await readsEnglish(context);
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto("/login");
  await page.getByLabel("Email").fill("admin@alliance.example.org");
  await page.getByLabel("Password", { exact: true }).fill("admin-demo-Alliance-2026");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/account$/);

  await page.goto("/contact");
  await page.getByRole("link", { name: "Edit the contacts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "The Alliance's contacts" })).toBeVisible();
  await page.getByLabel("Address in Georgian").fill("თბილისი, ჭავჭავაძის გამზ. 10");
  await page.getByLabel("Address in English").fill("10 Chavchavadze Ave, Tbilisi");
  await page.getByLabel("Email", { exact: true }).fill("not an address");
  await page.getByLabel("Phone").fill("+995 32 212 3456");
  await page.getByRole("button", { name: "Save the contacts" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter an email address in the right format");
  await expect(page.getByLabel("Address in English")).toHaveValue("10 Chavchavadze Ave, Tbilisi");
  await expectNoAxeViolations(page);
  await keepScreenshot(page, "contact-edit-en");
  await page.getByLabel("Email", { exact: true }).fill("info@alliance.example.org");
  await page.getByLabel("The secretariat's contacts in English").fill("Secretariat: Ketevan Nozadze\n+995 555 12 34 56");
  await page.getByRole("button", { name: "Save the contacts" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The contacts have been saved." })).toBeVisible();
  await expect(page.getByRole("link", { name: "info@alliance.example.org" })).toHaveAttribute("href", "mailto:info@alliance.example.org");

  // A visitor, from any page's footer.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/about");
  await visitor.getByRole("contentinfo").getByRole("link", { name: "კონტაქტი" }).click();
  await expect(visitor.getByRole("heading", { level: 1, name: "კონტაქტი" })).toBeVisible();
  await expect(visitor.getByText("თბილისი, ჭავჭავაძის გამზ. 10")).toBeVisible();
  await expect(visitor.getByRole("link", { name: "+995 32 212 3456" })).toHaveAttribute("href", "tel:+995322123456");
  await expectNoAxeViolations(visitor);
  await keepScreenshot(visitor, "contact-ka");
  await visitor.getByRole("contentinfo").getByRole("link", { name: "კონფიდენციალურობის პოლიტიკა" }).click();
  await expect(visitor.getByRole("heading", { level: 1, name: "კონფიდენციალურობის პოლიტიკა" })).toBeVisible();
  await keepScreenshot(visitor, "privacy-ka");
  expect(errors).toEqual([]);
});
