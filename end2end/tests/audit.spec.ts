import { test, expect, type Browser, type Page } from "@playwright/test";
import { collectErrors, expectNoAxeViolations, keepScreenshot, waitForHydration, readsEnglish } from "./helpers";

async function signedIn(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await browser.newContext();
  await readsEnglish(context);
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/account$/);
  return page;
}

test("staff find the audit log from the dashboard and filter it; a member may not read it", async ({ browser }) => {
  const staff = await signedIn(browser, "staff@alliance.example.org", "staff-demo-Alliance-2026");
  const errors = collectErrors(staff);
  await staff.goto("/admin");
  await staff.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Audit log" }).click();
  await expect(staff).toHaveURL(/\/admin\/audit$/);
  await expect(staff.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await expect(staff.getByText(/^The chain ends at entry \d+, hash [0-9a-f]{64}\./)).toBeVisible();
  // The demo assemblies (last year's, this year's and the coming one) were
  // called by the platform when the demo data was loaded.
  const filters = staff.getByRole("form", { name: "Filter the log" });
  await filters.getByLabel("What").selectOption("assembly.created");
  await filters.getByRole("button", { name: "Show" }).click();
  await expect(staff).toHaveURL(/what=assembly\.created/);
  await expect(staff.getByRole("status")).toHaveText("3 entries");
  const rows = staff.getByRole("row").filter({ hasText: "Assembly called" });
  await expect(rows).toHaveCount(3);
  const row = rows.filter({ hasText: "General Assembly of Members 2027" });
  await expect(row).toContainText("the platform");
  // Last year's Board election was secret: its ballots are facts only.
  await filters.getByLabel("What").selectOption("ballot.secret");
  await filters.getByRole("button", { name: "Show" }).click();
  const secret = staff.getByRole("row").filter({ hasText: "Secret ballot cast" });
  await expect(secret.first()).toContainText("{}");
  await expect(secret.first()).toContainText("the platform");
  // Nobody by that address: nothing, the filter kept.
  await filters.getByLabel("Who (email)").fill("nobody@example.org");
  await filters.getByRole("button", { name: "Show" }).click();
  await expect(staff.getByText("No entry matches.")).toBeVisible();
  await expect(filters.getByLabel("Who (email)")).toHaveValue("nobody@example.org");
  await staff.getByRole("link", { name: "Show everything" }).click();
  await expect(staff.getByRole("row").filter({ hasText: "Vote prepared" }).first()).toBeVisible();
  await waitForHydration(staff);
  await expectNoAxeViolations(staff);
  await keepScreenshot(staff, "audit-log-en");
  expect(errors).toEqual([]);

  // (Not the member whose password another test changes.)
  const member = await signedIn(browser, "borbali@alliance.example.org", "member-demo-Alliance-2026");
  await member.goto("/admin/audit");
  await expect(member.getByText("You do not have access to this page.")).toBeVisible();
  await expect(member.getByRole("table")).toHaveCount(0);
});
