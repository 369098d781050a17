import { test, expect } from "@playwright/test";
import { collectErrors, inEnglish, expectNoAxeViolations, keepScreenshot, readLinkFromOutbox } from "./helpers";

const PASSWORD = "violet-harbour-47-lantern";

test("an administrator invites a member of the secretariat, who accepts; deactivated, their session ends", async ({ browser }) => {
  const email = `tamar.${Date.now()}@example.ge`;
  const admin = await inEnglish(browser, ["admin@alliance.example.org", "admin-demo-Alliance-2026"]);
  const errors = collectErrors(admin);
  await admin.goto("/admin/users");
  await expect(admin.getByRole("heading", { level: 2, name: "Invite a person" })).toBeVisible();

  // A representative without an organisation is asked for its code, and
  // what was typed stays.
  await admin.getByLabel("Email", { exact: true }).fill(email);
  await admin.getByLabel("Full name").fill("Tamar Kapanadze");
  await admin.getByLabel("Role", { exact: true }).selectOption("member");
  await admin.getByRole("button", { name: "Send the invitation", exact: true }).click();
  await expect(admin.getByRole("alert")).toContainText("There is a problem");
  await expect(admin.getByLabel("Email", { exact: true })).toHaveValue(email);
  await expect(admin.getByLabel("Full name")).toHaveValue("Tamar Kapanadze");

  await admin.getByLabel("Role", { exact: true }).selectOption("staff");
  await admin.getByLabel("Language of the invitation").selectOption("en");
  await admin.getByRole("button", { name: "Send the invitation", exact: true }).click();
  await expect(admin.getByRole("status")).toContainText(`An invitation has been sent to ${email}.`);
  await expect(admin.getByRole("row", { name: new RegExp(email) })).toContainText("Invited");
  await expectNoAxeViolations(admin);
  await keepScreenshot(admin, "users-invited-en");

  // The invited person chooses a password by the mailed link and signs in.
  const invited = await inEnglish(browser);
  await invited.goto(await readLinkFromOutbox(email, "/invite"));
  await expect(invited.getByRole("heading", { level: 1, name: "Accept your invitation" })).toBeVisible();
  await expectNoAxeViolations(invited);
  await keepScreenshot(invited, "invite-en");
  await invited.getByLabel("New password").fill(PASSWORD);
  await invited.getByLabel("Repeat the password").fill(PASSWORD);
  await invited.getByRole("button", { name: "Save the password" }).click();
  await expect(invited.getByRole("status")).toContainText("Your password is saved.");
  await expect(invited.getByLabel("Email")).toHaveValue(email);
  await invited.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await invited.getByRole("button", { name: "Log in" }).click();
  await expect(invited).toHaveURL(/\/account$/);
  await expect(invited.getByText("Secretariat")).toBeVisible();

  // Deactivated: the session ends at once; reactivated: they sign in again.
  await admin.goto("/admin/users");
  await expect(admin.getByRole("row", { name: new RegExp(email) })).toContainText("Active");
  await admin.getByRole("button", { name: `Deactivate ${email}` }).click();
  await expect(admin.getByRole("status")).toContainText(`${email} has been deactivated`);
  await expect(admin.getByRole("row", { name: new RegExp(email) })).toContainText("Deactivated");
  await keepScreenshot(admin, "users-deactivated-en");
  await invited.reload();
  await expect(invited.getByText("Please log in to see this page.")).toBeVisible();
  await admin.getByRole("button", { name: `Reactivate ${email}` }).click();
  await expect(admin.getByRole("status")).toContainText(`${email} can log in again.`);

  // The last administrator stays one.
  const me = admin.getByRole("row", { name: /admin@alliance\.example\.org/ });
  await me.getByLabel("Role of admin@alliance.example.org", { exact: true }).selectOption("staff");
  await admin.getByRole("button", { name: "Change role of admin@alliance.example.org" }).click();
  await expect(admin.getByRole("alert")).toContainText("The platform needs at least one active administrator.");
  expect(errors).toEqual([]);
});

test("a representative invites a colleague and removes them", async ({ browser }) => {
  const colleague = `salome.${Date.now()}@example.ge`;
  const page = await inEnglish(browser, ["kakhuri@alliance.example.org", "member-demo-Alliance-2026"]);
  const errors = collectErrors(page);
  const section = page.getByRole("region", { name: "Your organisation's representatives" });
  await expect(section).toBeVisible();
  await section.getByLabel("Full name").fill("Salome Gelashvili");
  await section.getByLabel("Email", { exact: true }).fill(colleague);
  await section.getByRole("button", { name: "Send the invitation" }).click();
  await expect(page.getByRole("status")).toContainText(`An invitation has been sent to ${colleague}.`);
  await expect(section.getByRole("listitem").filter({ hasText: colleague })).toContainText("invitation sent");
  // Two representatives: no room to invite a third.
  await expect(section.getByRole("button", { name: "Send the invitation" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await keepScreenshot(page, "account-representatives-en");
  await readLinkFromOutbox(colleague, "/invite");

  await section.getByRole("button", { name: "Remove Salome Gelashvili as a representative" }).click();
  await expect(page.getByRole("status")).toContainText(`${colleague} no longer represents the organisation.`);
  await expect(section.getByRole("listitem")).toHaveCount(1);
  expect(errors).toEqual([]);
});
