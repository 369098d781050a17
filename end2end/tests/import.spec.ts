import { test, expect } from "@playwright/test";
import { collectErrors, inEnglish, expectNoAxeViolations, keepScreenshot, readLinkFromOutbox, waitForHydration } from "./helpers";

const STAFF: [string, string] = ["staff@alliance.example.org", "staff-demo-Alliance-2026"];

test("staff check a CSV file of members, correct it, and import it", async ({ browser }) => {
  test.setTimeout(90_000);
  // Codes and names of this run only. Associates (they do not vote), named
  // to sort last, so other tests' lists and quorums stay as they were.
  const stamp = String(Date.now()).slice(-7);
  const codes = [`41${stamp}`, `42${stamp}`];
  const email = `import.${stamp}@example.ge`;
  const header = "name_ka,name_en,identification_code,category,member_since,sectors,regions,representative_name,representative_email,representative_language";
  const rows = [
    `ჰაერი ${stamp},Zz Air Weavers ${stamp},${codes[0]},associate,2019-05-14,C,GE-TB,Nino Beridze,${email},en`,
    `ჰანგი ${stamp},Zz Tune Workshop ${stamp},${codes[1]},associate,2021-02-01,R;S,GE-IM,,,`,
  ];
  const page = await inEnglish(browser, STAFF);
  const errors = collectErrors(page);

  await page.goto("/admin/organisations");
  await waitForHydration(page);
  await page.getByRole("link", { name: "Import from a file" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import member organisations" })).toBeVisible();
  await page.waitForLoadState("networkidle");

  // A row with a mistake: every row is shown, nothing can be imported yet.
  const broken = [header, rows[0], rows[1].replace(codes[1], "12345")].join("\n");
  await page.getByLabel("CSV file").setInputFiles({ name: "members.csv", mimeType: "text/csv", buffer: Buffer.from(broken) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("alert")).toContainText("1 of 2 rows need correcting");
  const table = page.getByRole("table", { name: "What the file holds" });
  await expect(table.getByRole("row", { name: new RegExp(`Zz Tune Workshop ${stamp}`) })).toContainText(
    "identification_code: The identification code has exactly 9 digits.",
  );
  await expect(page.getByRole("button", { name: /^Import/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await keepScreenshot(page, "import-problems-en");

  // Corrected: ready, then imported.
  const good = "\ufeff" + [header, ...rows].join("\r\n");
  await page.getByLabel("CSV file").setInputFiles({ name: "members.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Every row is right" })).toHaveText(
    "Every row is right: 2 organisations, 1 invitation to send.",
  );
  await expect(table).toContainText(`An invitation goes to ${email}.`);
  await expectNoAxeViolations(page);
  await keepScreenshot(page, "import-ready-en");
  await page.getByRole("button", { name: "Import 2 organisations" }).click();
  await expect(page).toHaveURL(/\/admin\/organisations\?imported=2$/);
  await expect(page.getByRole("status").filter({ hasText: "Imported" })).toHaveText("Imported: 2 organisations.");

  // In the directory, and the representative's invitation has gone out.
  await page.goto(`/members?q=${encodeURIComponent(`Zz Air Weavers ${stamp}`)}`);
  await expect(page.getByRole("heading", { level: 2, name: `Zz Air Weavers ${stamp}` })).toBeVisible();
  expect(await readLinkFromOutbox(email, "/invite")).toContain("/invite?token=");

  // One more by hand, with the same checks.
  await page.goto("/admin/organisations/import");
  await waitForHydration(page);
  const add = page.getByRole("region", { name: "Add one organisation" });
  await add.getByLabel("Name in English").fill(`Zz Hand Made ${stamp}`);
  await add.getByLabel("Identification code").fill(codes[0]);
  await add.getByLabel("Category").selectOption("associate");
  await add.getByLabel("Member since").fill("2022-04-01");
  await add.getByRole("checkbox", { name: "Manufacturing" }).check();
  await add.getByRole("button", { name: "Add the organisation" }).click();
  const problems = page.getByRole("alert");
  await expect(problems).toContainText("Fill in this field.");
  await expect(problems).toContainText("Another member organisation already has this identification code.");
  await expect(add.getByLabel("Name in English")).toHaveValue(`Zz Hand Made ${stamp}`);
  await expectNoAxeViolations(page);
  await keepScreenshot(page, "import-add-one-problems-en");
  await add.getByLabel("Name in Georgian").fill(`ჰობი ${stamp}`);
  await add.getByLabel("Identification code").fill(`43${stamp}`);
  await add.getByRole("button", { name: "Add the organisation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported" })).toHaveText("Imported: 1 organisation.");
  expect(errors).toEqual([]);
});
