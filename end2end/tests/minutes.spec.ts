import * as fs from "node:fs";
import { test, expect } from "@playwright/test";
import { expectNoAxeViolations, inEnglish, keepScreenshot } from "./helpers";

// Last year's assembly in the demo is closed: its results and minutes read
// on the screen and print on numbered A4 pages with the title on each.
test("a closed assembly's results and minutes print on A4", async ({ browser }) => {
  const page = await inEnglish(browser, ["kakhuri@alliance.example.org", "member-demo-Alliance-2026"]);
  await page.goto("/assemblies");
  await page.getByRole("link", { name: "General Assembly of Members 2026" }).click();
  await page.getByRole("link", { name: "results and printable minutes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Minutes: General Assembly of Members 2026" })).toBeVisible();
  const results = page.getByRole("region", { name: "Results" });
  await expect(results.getByRole("heading", { level: 3 })).toHaveCount(2);
  await expect(results.getByText(/^Opened with quorum: \d+ present, \d+ needed\.$/)).toHaveCount(2);
  await expect(results.getByRole("cell", { name: "Elected" })).toHaveCount(7);
  await expect(page.getByRole("region", { name: "Attendance" }).getByRole("row")).not.toHaveCount(0);
  await expect(page.getByText(/^The audit log at the close: entry \d+, SHA-256 [0-9a-f]{64}\./)).toBeVisible();
  await expectNoAxeViolations(page);
  await keepScreenshot(page, "minutes-en");

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  fs.mkdirSync("screenshots", { recursive: true });
  fs.writeFileSync("screenshots/minutes-en.pdf", pdf);
  const text = pdf.toString("latin1");
  expect(text.startsWith("%PDF-")).toBe(true);
  // A4 is 595 × 842 points.
  expect(text).toMatch(/\/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]/);
  expect((text.match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(2);
});
