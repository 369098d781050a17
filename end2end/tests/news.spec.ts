import { test, expect } from "@playwright/test";
import { collectErrors, inEnglish, expectNoAxeViolations, keepScreenshot, waitForHydration } from "./helpers";

const STAFF: [string, string] = ["staff@alliance.example.org", "staff-demo-Alliance-2026"];

/** A small blue PNG, 64 × 40 pixels. */
const PICTURE = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAEAAAAAoCAIAAADBrGu+AAAAPUlEQVR42u3PQQkAAAgEsEtiTiMayww+hcEKLNXzWgQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQELhb+nqzEUh10JAAAAABJRU5ErkJggg==",
  "base64",
);

test("staff write a post, preview it, publish it with a picture and unpublish it", async ({ browser }) => {
  test.setTimeout(90_000);
  const stamp = Date.now();
  const titleEn = `Open day at the Alliance ${stamp}`;
  const page = await inEnglish(browser, STAFF);
  const errors = collectErrors(page);

  // From the dashboard to the news desk.
  await page.goto("/admin");
  await waitForHydration(page);
  await page.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "News posts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "News posts" })).toBeVisible();
  await page.getByRole("link", { name: "Write a post" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "A new post" })).toBeVisible();
  await page.waitForLoadState("networkidle");

  // Publishing without the Georgian text: told next to the field, nothing lost.
  await page.getByLabel("Title in Georgian").fill(`ღია კარის დღე ${stamp}`);
  await page.getByLabel("Title in English").fill(titleEn);
  await page.getByLabel("Summary in English").fill("Come and meet the members.");
  await page.getByLabel("Text in English").fill("**Everyone** is welcome.\n\n- coffee\n- crafts");
  await page.getByRole("button", { name: "Publish" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("Text in Georgian: Fill in this field.");
  await expect(page.getByLabel("Title in English")).toHaveValue(titleEn);

  // The preview shows the Markdown as visitors will see it.
  await page.getByLabel("Text in Georgian").fill("**ყველა** მოწვეულია.");
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.locator("strong").first()).toHaveText("ყველა");
  await expect(preview.getByRole("listitem")).toHaveText(["coffee", "crafts"]);
  await expectNoAxeViolations(page);
  await keepScreenshot(page, "news-preview-en");

  // Saved as a draft, then published with a picture and its description.
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page).toHaveURL(/\/admin\/news\/\d+\?done=saved$/);
  await expect(page.getByRole("status").filter({ hasText: "saved" })).toHaveText("The post is saved.");
  await expect(page.getByText("Status: Draft")).toBeVisible();
  await page.getByLabel("A new picture").setInputFiles({ name: "open-day.png", mimeType: "image/png", buffer: PICTURE });
  await page.getByLabel("What the picture shows, in Georgian").fill("ალიანსის ოფისის კარი");
  await page.getByLabel("What the picture shows, in English").fill("The door of the Alliance's office");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status").filter({ hasText: "published" })).toHaveText("The post is published.");
  await expect(page.getByRole("img", { name: "The door of the Alliance's office" })).toBeVisible();
  await expectNoAxeViolations(page);
  await keepScreenshot(page, "news-edit-published-en");

  // Visitors read it, with its picture.
  await page.getByRole("link", { name: "See the post as visitors do" }).click();
  await expect(page.getByRole("heading", { level: 1, name: titleEn })).toBeVisible();
  await expect(page.getByRole("img", { name: "The door of the Alliance's office" })).toBeVisible();
  await expect(page.locator(".prose strong")).toHaveText("Everyone");
  await expectNoAxeViolations(page);
  await keepScreenshot(page, "news-article-picture-en");
  const postUrl = page.url();

  // Unpublished: visitors no longer find it.
  await page.goBack();
  await waitForHydration(page);
  await page.getByRole("button", { name: "Unpublish" }).click();
  await expect(page.getByRole("status").filter({ hasText: "unpublished" })).toHaveText(
    "The post is unpublished: visitors no longer see it.",
  );
  const visitor = await browser.newPage();
  const response = await visitor.goto(postUrl);
  expect(response?.status()).toBe(404);
  await visitor.close();
  expect(errors).toEqual([]);
});
