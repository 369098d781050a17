import { test, expect, type BrowserContext, type Page } from "@playwright/test";
import { collectErrors, expectNoAxeViolations, keepScreenshot, readLinkFromOutbox, waitForHydration, readsEnglish } from "./helpers";

const PASSWORD = "violet-harbour-47-lantern";

async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("ელფოსტა").fill(email);
  await page.getByLabel("პაროლი", { exact: true }).fill(password);
  await page.getByRole("button", { name: "შესვლა" }).click();
}

test("register, confirm the email from the outbox, log in and log out", async ({ page }) => {
  const email = `nino.${Date.now()}@example.ge`;
  const errors = collectErrors(page);
  await page.goto("/register");
  await page.getByLabel("სახელი და გვარი").fill("ნინო ბერიძე");
  await page.getByLabel("ელფოსტა").fill(email);
  await page.getByLabel("პაროლი", { exact: true }).fill(PASSWORD);
  await page.getByLabel("გაიმეორეთ პაროლი").fill(PASSWORD);
  await page.getByRole("button", { name: "ანგარიშის შექმნა" }).click();
  await expect(page.getByRole("status")).toContainText(email);

  const link = await readLinkFromOutbox(email, "/verify");
  await page.goto(link);
  await keepScreenshot(page, "verify-ka");
  await page.getByRole("button", { name: "დადასტურება" }).click();
  await expect(page.getByRole("status")).toContainText("ელფოსტა დადასტურებულია");
  await expect(page.getByLabel("ელფოსტა")).toHaveValue(email);

  await page.getByLabel("პაროლი", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "შესვლა" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1, name: "ჩემი ანგარიში" })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await expectNoAxeViolations(page);
  await keepScreenshot(page, "account-ka");

  await page.getByRole("button", { name: "გასვლა" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "შესვლა" })).toBeVisible();
  expect(errors).toEqual([]);
});

test("forgotten password, reset by the mailed link, log in with the new one", async ({ page }) => {
  const email = "ertad@alliance.example.org";
  const newPassword = `amber-kettle-${Date.now()}`;
  await page.goto("/forgot");
  await page.getByLabel("ელფოსტა").fill(email);
  await page.getByRole("button", { name: "ბმულის გაგზავნა" }).click();
  await expect(page.getByRole("status")).toContainText(email);

  await page.goto(await readLinkFromOutbox(email, "/reset"));
  await page.getByLabel("ახალი პაროლი").fill(newPassword);
  await page.getByLabel("გაიმეორეთ პაროლი").fill(newPassword);
  await page.getByRole("button", { name: "პაროლის შენახვა" }).click();
  await expect(page.getByRole("status")).toContainText("პაროლი შეიცვალა");

  await page.getByLabel("პაროლი", { exact: true }).fill(newPassword);
  await page.getByRole("button", { name: "შესვლა" }).click();
  await expect(page).toHaveURL(/\/account$/);
  // The account's details (the representatives' list names the address too).
  await expect(page.getByText(email, { exact: true })).toBeVisible();
});

test("a wrong password gets the generic message and keeps the email", async ({ page }) => {
  await logIn(page, "staff@alliance.example.org", "definitely-not-the-password");
  await expect(page.getByRole("alert")).toHaveText("ელფოსტა ან პაროლი არასწორია.");
  await expect(page.getByLabel("ელფოსტა")).toHaveValue("staff@alliance.example.org");
  await expectNoAxeViolations(page);
  await keepScreenshot(page, "login-failed-ka");
});

test("registration problems are shown next to each field and in a summary", async ({ page, context }) => {
  await readsEnglish(context);
  await page.goto("/register");
  await page.getByLabel("Full name").fill("Someone");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Repeat the password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("There is a problem");
  await expect(summary.getByRole("link", { name: /Email: Enter an email address/ })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("not-an-email");
  await expect(page.getByLabel("Full name")).toHaveValue("Someone");
  await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await summary.getByRole("link", { name: /Password: Use at least 12 characters/ }).click();
  await expectNoAxeViolations(page);
  await keepScreenshot(page, "register-errors-en");
});

async function logInAsBoardInEnglish(page: Page, context: BrowserContext) {
  await readsEnglish(context);
  await page.goto("/login");
  await page.getByLabel("Email").fill("board@alliance.example.org");
  await page.getByLabel("Password", { exact: true }).fill("board-demo-Alliance-2026");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/account$/);
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a wrong current password on the account page is shown at its field; the new email typed is kept", async ({ page, context }) => {
    await logInAsBoardInEnglish(page, context);
    const email = page.getByRole("region", { name: "Change your email" });
    await email.getByLabel("New email").fill("board.new@example.ge");
    await email.getByLabel("Current password").fill("not-the-password-at-all");
    await email.getByRole("button").click();
    await expect(page).toHaveURL(/\/account\/email$/);
    await expect(email.getByRole("alert")).toContainText("There is a problem");
    await expect(email.getByLabel("New email")).toHaveValue("board.new@example.ge");
    await expect(email.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
    await expect(email.getByText("The password is not correct.").first()).toBeVisible();
    // (The accessibility check needs JavaScript; the test below runs it on
    // the same answer shown in place.)
    await keepScreenshot(page, "account-email-wrong-password-en");
  });
});

test("with JavaScript the account forms answer in place: problems at the fields with focus on them, success without a reload", async ({ page, context }) => {
  await logInAsBoardInEnglish(page, context);
  await waitForHydration(page);
  // Set on this page: a page load would lose it.
  await page.evaluate(() => { (window as any).__samePage = true; });
  const samePage = () => page.evaluate(() => (window as any).__samePage === true);

  const email = page.getByRole("region", { name: "Change your email" });
  await email.getByLabel("New email").fill("board.new@example.ge");
  await email.getByLabel("Current password").fill("not-the-password-at-all");
  await email.getByRole("button").click();
  const summary = email.getByRole("alert");
  await expect(summary).toContainText("There is a problem");
  await expect(summary).toBeFocused();
  await expect(page).toHaveURL(/\/account$/);
  expect(await samePage()).toBe(true);
  await expect(email.getByLabel("New email")).toHaveValue("board.new@example.ge");
  await expect(email.getByLabel("Current password")).toHaveValue("");
  await expect(email.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
  await expect(email.getByText("The password is not correct.").first()).toBeVisible();
  await expectNoAxeViolations(page);
  await keepScreenshot(page, "account-email-in-place-en");

  // Corrected, the post succeeds: the page moves on in place.
  await email.getByLabel("Current password").fill("board-demo-Alliance-2026");
  await email.getByRole("button").click();
  await expect(page.getByRole("status")).toContainText("A confirmation link has been sent to board.new@example.ge.");
  await expect(page).toHaveURL(/\/account\?email_sent=/);
  await expect(summary).toHaveCount(0);
  expect(await samePage()).toBe(true);

  // Moving on forgets the answer: back on the address, no problem shows.
  await email.getByLabel("New email").fill("board.other@example.ge");
  await email.getByLabel("Current password").fill("wrong-again-and-again");
  await email.getByRole("button").click();
  await expect(summary).toContainText("There is a problem");
  await page.getByRole("link", { name: "Members", exact: true }).first().click();
  await expect(page).toHaveURL(/\/members$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/account/);
  await expect(page.getByRole("alert")).toHaveCount(0);
  expect(await samePage()).toBe(true);
});

test("an administrator sees the accounts; a member does not", async ({ page }) => {
  await logIn(page, "admin@alliance.example.org", "admin-demo-Alliance-2026");
  await page.getByRole("link", { name: "ანგარიშები" }).click();
  await expect(page.getByRole("rowheader", { name: "staff@alliance.example.org" })).toBeVisible();
  await expectNoAxeViolations(page);
  await keepScreenshot(page, "admin-users-ka");
});
