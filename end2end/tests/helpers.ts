import { expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import * as fs from "node:fs";

/** The public pages every test of the site covers. */
export const PUBLIC_PAGES = [
  { name: "home", path: "/" },
  { name: "about", path: "/about" },
  { name: "members", path: "/members" },
  { name: "news", path: "/news" },
  { name: "news-article", path: "/news/general-assembly-2026" },
  { name: "board", path: "/board" },
  { name: "not-found", path: "/no-such-page" },
];

/** Waits until the WebAssembly has hydrated the page. */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => (window as any).__allianceHydrated === true, null, { timeout: 15_000 });
}

/** Collects console errors and uncaught exceptions of a page. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(err.message));
  return errors;
}

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary).toEqual([]);
}

/** Keeps a full-page screenshot as a test artifact. */
export async function keepScreenshot(page: Page, name: string) {
  fs.mkdirSync("screenshots", { recursive: true });
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}
