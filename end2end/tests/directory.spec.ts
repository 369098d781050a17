import { test, expect, type Page, type BrowserContext } from "@playwright/test";
import * as fs from "node:fs";
import * as zlib from "node:zlib";
import { collectErrors, expectNoAxeViolations, keepScreenshot, waitForDirectory, waitForHydration, readsEnglish } from "./helpers";

const MEMBER_PASSWORD = "member-demo-Alliance-2026";
const STAFF_PASSWORD = "staff-demo-Alliance-2026";

async function useLanguage(context: BrowserContext, lang: "ka" | "en") {
  if (lang === "en") await readsEnglish(context);
}

async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel(/^(Email|ელფოსტა)$/).fill(email);
  await page.getByLabel(/^(Password|პაროლი)$/).fill(password);
  await page.getByRole("button", { name: /^(Log in|შესვლა)$/ }).click();
  await expect(page).toHaveURL(/\/account$/);
}

/** A solid-colour RGB PNG, built by hand (signature, IHDR, IDAT, IEND). */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from([11, 107, 79]))]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(pixels)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

test("a visitor filters the directory by sector as they click, and back restores it", async ({ page, context }) => {
  await useLanguage(context, "en");
  const errors = collectErrors(page);
  await page.goto("/members");
  await waitForDirectory(page);
  await expect(page.getByRole("heading", { level: 2, name: "Adjara Crafts Centre" })).toBeVisible();
  // A marker that a full page load would wipe out.
  await page.evaluate(() => ((window as any).__sameDocument = true));

  // The sector filter is open from the start on a wide screen; the others
  // are closed, each with its marker.
  const agriculture = page.getByRole("checkbox", { name: /^Agriculture, forestry and fishing/ });
  await expect(agriculture).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /^Kakheti/ })).toBeHidden();
  // By keyboard: the filter applies at once and focus stays on the checkbox.
  await agriculture.focus();
  await page.keyboard.press("Space");
  await expect(page).toHaveURL(/\/members\?sector=A$/);
  await expect(agriculture).toBeChecked();
  await expect(agriculture).toBeFocused();
  await expect(page.getByRole("status")).toHaveText(/^\d+ member organisations?$/);
  await expect(page.getByRole("heading", { level: 2, name: "Kakhuri Putkari Beekeepers' Cooperative" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Adjara Crafts Centre" })).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
  await expectNoAxeViolations(page);
  await keepScreenshot(page, "directory-sector-en");

  await page.goBack();
  await expect(page).toHaveURL(/\/members$/);
  await expect(page.getByRole("heading", { level: 2, name: "Adjara Crafts Centre" })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole("heading", { level: 2, name: "Adjara Crafts Centre" })).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);

  await page.getByLabel("Search").fill("no such word anywhere");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("No members match these filters.")).toBeVisible();
  await expectNoAxeViolations(page);
  await keepScreenshot(page, "directory-empty-en");

  await page.getByLabel("Search").fill("putkari");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/sector=A&q=putkari/);
  await expect(page.getByRole("status")).toHaveText("1 member organisation");
  // The active filters stand above the results as chips, next to the count.
  const chips = page.getByRole("list", { name: "Active filters" });
  await expect(chips.getByRole("link", { name: "Remove filter: Sector: Agriculture, forestry and fishing" })).toBeVisible();
  await expect(chips.getByRole("link", { name: "Remove filter: “putkari”" })).toBeVisible();
  await keepScreenshot(page, "directory-chips-en");
  // The selection as a spreadsheet, with Georgian intact (a zip whose
  // sheet text is UTF-8), next to the machine CSV and JSON.
  const sheet = page.getByRole("link", { name: "Spreadsheet (Excel, LibreOffice)" });
  const sheetHref = await sheet.getAttribute("href");
  expect(sheetHref).toBe("/api/v1/members.xlsx?sector=A&q=putkari&lang=en");
  const download = page.waitForEvent("download");
  await sheet.click();
  const file = await (await download).path();
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
  await expect(page.getByRole("link", { name: "CSV", exact: true })).toHaveAttribute("href", "/api/v1/members.csv?sector=A&q=putkari&lang=en");
  // Removing a chip removes that filter alone.
  await chips.getByRole("link", { name: "Remove filter: “putkari”" }).click();
  await expect(page).toHaveURL(/\/members\?sector=A$/);
  await expect(page.getByLabel("Search")).toHaveValue("");
  await expect(page.getByRole("checkbox", { name: /^Agriculture, forestry and fishing/ })).toBeChecked();
  await page.getByLabel("Search").fill("putkari");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("status")).toHaveText("1 member organisation");

  await page.getByRole("link", { name: "Kakhuri Putkari Beekeepers' Cooperative" }).click();
  await expect(page).toHaveURL(/\/members\/kakhuri-putkari$/);
  await expect(page.getByRole("heading", { level: 1, name: "Kakhuri Putkari Beekeepers' Cooperative" })).toBeVisible();
  await expect(page.getByText("Honey, honeycomb, beeswax candles.")).toBeVisible();
  await expectNoAxeViolations(page);
  await keepScreenshot(page, "profile-en");
  expect(errors).toEqual([]);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the results come first and the filters open from a button, staying open while several are picked", async ({ page, context }) => {
    await useLanguage(context, "en");
    const errors = collectErrors(page);
    await page.goto("/members");
    await waitForDirectory(page);
    const agriculture = page.getByRole("checkbox", { name: /^Agriculture, forestry and fishing/ });
    await expect(agriculture).toBeHidden();
    // The first screen shows the count and the first results, not the filters.
    const first = page.getByRole("heading", { level: 2, name: "Adjara Crafts Centre" });
    await expect(first).toBeInViewport();
    await keepScreenshot(page, "directory-phone-en");

    await page.getByRole("button", { name: "Filters", exact: true }).click();
    await expect(agriculture).toBeVisible();
    await expect(agriculture).toBeInViewport();
    await keepScreenshot(page, "directory-phone-filters-en");
    await agriculture.check();
    await expect(page).toHaveURL(/\/members\?sector=A$/);
    // The panel stays open for the next choice.
    const kakheti = page.getByRole("checkbox", { name: /^Kakheti/ });
    await page.locator("summary").filter({ hasText: /^Region$/ }).click();
    await kakheti.check();
    await expect(page).toHaveURL(/sector=A&region=GE-KA$/);
    await page.getByRole("button", { name: "Show results" }).click();
    await expect(agriculture).toBeHidden();
    await expect(page.getByRole("button", { name: "Filters (2)" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Active filters" }).getByRole("link", { name: "Remove filter: Region: Kakheti" })).toBeInViewport();
    await expect(page.getByRole("heading", { level: 2, name: "Kakhuri Putkari Beekeepers' Cooperative" })).toBeVisible();
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "directory-phone-chosen-en");
    expect(errors).toEqual([]);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the directory is a plain form: filter by sector, search, empty state, profile", async ({ page }) => {
    await page.goto("/members");
    await page.getByRole("checkbox", { name: /^სოფლის, სატყეო და თევზის მეურნეობა/ }).check();
    await page.getByRole("button", { name: "გაფილტვრა" }).click();
    await expect(page).toHaveURL(/\/members\?(.*&)?sector=A/);
    await expect(page.getByRole("heading", { level: 2, name: "კოოპერატივი „კახური ფუტკარი“" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "ნაქარგი" })).toHaveCount(0);
    await expect(page.getByRole("checkbox", { name: /^სოფლის, სატყეო და თევზის მეურნეობა/ })).toBeChecked();
    await keepScreenshot(page, "directory-sector-ka-nojs");

    await page.getByLabel("ძიება").fill("არარსებული სიტყვა");
    await page.getByRole("button", { name: "გაფილტვრა" }).click();
    await expect(page.getByText("ამ ფილტრებით წევრი ვერ მოიძებნა.")).toBeVisible();
    await keepScreenshot(page, "directory-empty-ka-nojs");

    await page.goto("/members?q=nakargi");
    await page.getByRole("link", { name: "ნაქარგი", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "ნაქარგი" })).toBeVisible();
  });
});

test("a member edits the profile in both languages and uploads a logo", async ({ page, context }) => {
  const errors = collectErrors(page);
  await logIn(page, "nakargi@alliance.example.org", MEMBER_PASSWORD);
  await page.getByRole("link", { name: "პროფილის რედაქტირება" }).click();
  await expect(page).toHaveURL(/\/members\/nakargi\/edit$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("პროფილის რედაქტირება");

  const kaText = `ქალთა სახელოსნო ${Date.now()}: ტრადიციული ნაქარგობა.`;
  await page.getByLabel("საქმიანობის აღწერა ქართულად").fill(kaText);
  // A file that only pretends to be an image: refused, the typed text stays.
  await page.getByLabel("ახალი ლოგო").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from("not really a picture") });
  await page.getByRole("button", { name: "ცვლილებების შენახვა" }).click();
  await expect(page.getByRole("alert")).toContainText("ლოგო უნდა იყოს PNG, JPEG ან WebP ფორმატის სურათი.");
  await expect(page.getByLabel("საქმიანობის აღწერა ქართულად")).toHaveValue(kaText);
  await keepScreenshot(page, "member-edit-error-ka");

  await useLanguage(context, "en");
  await page.goto("/members/nakargi/edit");
  await waitForHydration(page);
  const enText = `A women's workshop (${Date.now()}) reviving traditional embroidery.`;
  await page.getByLabel("What you do, in English").fill(enText);
  await page.getByLabel("What you do, in Georgian").fill(kaText);
  await page.getByLabel("New logo").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: png(300, 150) });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your changes are saved." })).toBeVisible();
  await expect(page.getByRole("img", { name: "Nakargi Embroidery Workshop logo" })).toBeVisible();
  await expect(page.getByRole("table")).toContainText("nakargi@alliance.example.org");
  await expectNoAxeViolations(page);
  await keepScreenshot(page, "member-edit-saved-en");

  await page.getByRole("link", { name: "View the public profile" }).click();
  await expect(page.getByText(enText)).toBeVisible();
  const logo = page.getByRole("img", { name: "Nakargi Embroidery Workshop logo" });
  await expect(logo).toBeVisible();
  expect(await logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(256);
  // The same profile at its Georgian address.
  await page.getByRole("link", { name: /ქართული/ }).click();
  await expect(page).toHaveURL(/:\d+\/members\/nakargi$/);
  await expect(page.getByText(kaText)).toBeVisible();
  await keepScreenshot(page, "profile-after-edit-ka");
  // The refused form answers 422, which the browser reports as an error.
  expect(errors.filter((e) => !e.includes("422"))).toEqual([]);
});

test("staff suspend an organisation and it leaves the directory and the API", async ({ page, context, request }) => {
  const before = await request.get("/api/v1/members/racha-wood");
  expect(before.status()).toBe(200);
  await useLanguage(context, "en");
  await logIn(page, "staff@alliance.example.org", STAFF_PASSWORD);
  await page.getByRole("link", { name: "Organisations" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Organisations" })).toBeVisible();
  await page.getByRole("link", { name: "Edit: Racha Woodcraft Workshop" }).click();
  await expect(page.getByLabel("Status")).toHaveValue("active");
  await page.getByLabel("Status").selectOption("suspended");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your changes are saved." })).toBeVisible();
  await expect(page.getByText("This organisation is not in the public directory now")).toBeVisible();
  await keepScreenshot(page, "staff-suspended-en");

  const after = await request.get("/api/v1/members/racha-wood");
  expect(after.status()).toBe(404);
  const listing = await (await request.get("/api/v1/members?q=racha")).json();
  expect(listing.total).toBe(0);
  await page.goto("/members?q=racha");
  await expect(page.getByText("No members match these filters.")).toBeVisible();
});
