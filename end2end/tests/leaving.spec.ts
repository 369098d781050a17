import { test, expect } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { collectErrors, inEnglish, expectNoAxeViolations, keepScreenshot, readLinkFromOutbox, waitForHydration } from "./helpers";

test("an applicant withdraws an application from its status page", async ({ browser }) => {
  test.setTimeout(90_000);
  const email = `withdraw.${Date.now()}@example.ge`;
  const page = await inEnglish(browser);
  const errors = collectErrors(page);
  await page.goto("/apply");
  await waitForHydration(page);
  await page.getByLabel("Name of the organisation in Georgian").fill("ცისარტყელა");
  await page.getByLabel("Name in English").fill("Rainbow Bakery");
  await page.getByLabel("Legal form").selectOption({ label: "Limited liability company (LLC)" });
  await page.getByLabel("Identification code").fill("405777031");
  await page.getByLabel("Date of registration").fill("2018-03-01");
  await page.getByRole("checkbox", { name: "Tbilisi" }).check();
  await page.getByRole("checkbox", { name: "Manufacturing" }).check();
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/apply\?step=2$/);
  await expect(page.getByText("Step 2 of 5")).toBeVisible();
  // The step is shown once its answers have come: typing before would be lost.
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Date your social activity started").fill("2019-01-01");
  await page.getByLabel("Social mission").fill("Bread baked by young people leaving care.");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/apply\?step=3$/);
  await expect(page.getByText("Step 3 of 5")).toBeVisible();
  // The step is shown once its answers have come: typing before would be lost.
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Contact person's full name").fill("Eka Gelashvili");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Phone").fill("+995 555 77 70 31");
  await page.getByLabel("Password", { exact: true }).fill("rainbow-Bread-of-Tbilisi-31");
  await page.getByLabel("Repeat the password").fill("rainbow-Bread-of-Tbilisi-31");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/apply\?step=4$/);
  await expect(page.getByText("Step 4 of 5")).toBeVisible();
  // The step is shown once its answers have come: typing before would be lost.
  await page.waitForLoadState("networkidle");
  await page.getByRole("radio", { name: "Full member" }).check();
  await page.getByRole("checkbox", { name: /processes the data/ }).check();
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/apply\?step=5$/);
  await expect(page.getByText("Step 5 of 5")).toBeVisible();
  // The step is shown once its answers have come: typing before would be lost.
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Send the application" }).click();
  await expect(page).toHaveURL(/\/apply\/status\?sent=1$/);

  // From the mailed link: the way to withdraw is there, behind a box to tick.
  await page.goto(await readLinkFromOutbox(email, "/apply/status"));
  await waitForHydration(page);
  await expect(page.getByText("Submitted", { exact: true }).first()).toBeVisible();
  await page.getByText("Withdraw the application", { exact: true }).first().click();
  await page.getByRole("checkbox", { name: "We withdraw our application" }).check();
  await expectNoAxeViolations(page);
  await keepScreenshot(page, "apply-status-withdraw-en");
  await page.getByRole("button", { name: "Withdraw the application" }).click();
  await expect(page.getByRole("status").filter({ hasText: "withdrawn" })).toContainText("The application has been withdrawn.");
  await expect(page.getByText("Withdrawn", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Withdraw the application" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  expect(errors).toEqual([]);
});

test("a representative asks to leave, the secretariat sees the request, it is taken back; the data downloads", async ({ browser }) => {
  const member = await inEnglish(browser, ["kakhuri@alliance.example.org", "member-demo-Alliance-2026"]);
  const errors = collectErrors(member);
  await waitForHydration(member);
  const leaving = member.getByRole("region", { name: "Leaving the Alliance" });
  await expect(leaving).toContainText("An organisation can leave the Alliance at any time.");

  // Everything the platform holds, as a file.
  const download = member.waitForEvent("download");
  await member.getByRole("link", { name: "Download your data (JSON)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^alliance-data-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(await readFile(await file.path(), "utf8"));
  expect(data.account.email).toBe("kakhuri@alliance.example.org");
  expect(data.organisation.slug).toBe("kakhuri-putkari");

  await leaving.getByLabel("Why is the organisation leaving? (optional)").fill("We are merging with a cooperative.");
  await leaving.getByRole("checkbox", { name: "Our organisation wants to leave the Alliance" }).check();
  await expectNoAxeViolations(member);
  await keepScreenshot(member, "account-leave-en");
  await leaving.getByRole("button", { name: "Ask to leave the Alliance" }).click();
  await expect(member.getByRole("status")).toContainText("Your request has been sent to the secretariat.");
  await expect(leaving).toContainText("Your organisation asked to leave the Alliance on");

  // The secretariat sees it on the dashboard, with the day to record.
  const staff = await inEnglish(browser, ["staff@alliance.example.org", "staff-demo-Alliance-2026"]);
  await staff.goto("/admin");
  await waitForHydration(staff);
  const requests = staff.getByRole("region", { name: "Members asking to leave" });
  await expect(requests).toContainText("We are merging with a cooperative.");
  const item = requests.getByRole("listitem").filter({ hasText: "We are merging with a cooperative." });
  await expect(item.getByLabel("Membership ended on")).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await expect(item.getByRole("button", { name: /^Record the end of membership: / })).toBeVisible();
  await expectNoAxeViolations(staff);
  await keepScreenshot(staff, "dashboard-leaving-en");

  // Taken back before the secretariat acts: the organisation stays.
  await leaving.getByRole("button", { name: "Take back the request" }).click();
  await expect(member.getByRole("status")).toContainText("The request to leave has been taken back");
  await staff.reload();
  await expect(staff.getByRole("region", { name: "Members asking to leave" })).not.toContainText("We are merging with a cooperative.");
  expect(errors).toEqual([]);
});
