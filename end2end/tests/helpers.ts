import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
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
  { name: "contact", path: "/contact" },
  { name: "privacy", path: "/privacy" },
  { name: "apply", path: "/apply" },
  { name: "not-found", path: "/no-such-page" },
  { name: "login", path: "/login" },
  { name: "register", path: "/register" },
  { name: "forgot", path: "/forgot" },
  { name: "reset-link-expired", path: "/reset?error=invalid" },
];

/** Waits until the page's own code is live: the WebAssembly has hydrated
 *  the page and, for a split-out page, its chunk has arrived (each page
 *  announces itself). */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => (window as any).__allianceHydrated === true, null, { timeout: 15_000 });
}

/** Waits until the directory's filters answer: they sit behind a Suspense,
 *  which can hydrate after the page itself. */
export async function waitForDirectory(page: Page) {
  await waitForHydration(page);
  await page.waitForFunction(() => (window as any).__allianceDirectory === true, null, { timeout: 15_000 });
}

/** Collects console errors and uncaught exceptions of a page. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    // A form sent in place that needs correcting is answered 422 (409 for a
    // ballot refused), as the page rendered again is; the browser notes
    // every such answer in its console. Those are answers, not errors.
    const answered = /^Failed to load resource: the server responded with a status of (422|409) /;
    if (msg.type() === "error" && !answered.test(msg.text())) errors.push(msg.text());
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

/** Finds the newest mail to `to` in the server's outbox and returns its link to `path`. */
export async function readLinkFromOutbox(to: string, path: string): Promise<string> {
  const dir = process.env.OUTBOX_DIR;
  if (!dir) throw new Error("OUTBOX_DIR is not set (run the tests through scripts/e2e.sh)");
  for (let attempt = 0; attempt < 50; attempt++) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".eml")).sort().reverse() : [];
    for (const file of files) {
      const mail = decodeQuotedPrintable(fs.readFileSync(`${dir}/${file}`, "utf8"));
      if (!mail.includes(`To: ${to}`)) continue;
      const match = mail.match(new RegExp(`https?://[^\\s]+${path}\\?token=[A-Za-z0-9_-]+`));
      if (match) return match[0];
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to} with a ${path} link`);
}

function decodeQuotedPrintable(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === "=" && /^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** English pages live at `/en/…`: the page goes to the English address of
 *  each site path it is sent to (`/members` → `/en/members`), as a reader of
 *  English following the site's own links would. */
export function englishAddresses(page: Page): Page {
  const goto = page.goto.bind(page);
  page.goto = (url: string, options?: Parameters<Page["goto"]>[1]) => goto(inEnglishAddress(url), options);
  return page;
}

function inEnglishAddress(url: string): string {
  if (!url.startsWith("/") || url.startsWith("//") || url.startsWith("/api/") || url === "/en" || url.startsWith("/en/")) {
    return url;
  }
  return url === "/" ? "/en/" : `/en${url}`;
}

/** A browser context of a reader of English: its pages go to English
 *  addresses, and it carries the cookie that remembers the language. */
export async function readsEnglish(context: BrowserContext, baseURL?: string): Promise<void> {
  await context.addCookies([{ name: "lang", value: "en", url: baseURL ?? test.info().project.use.baseURL ?? "http://127.0.0.1:3100" }]);
  for (const page of context.pages()) englishAddresses(page);
  const newPage = context.newPage.bind(context);
  context.newPage = async () => englishAddresses(await newPage());
}

/** A new browser in English, signed in when an account is given. */
export async function inEnglish(browser: Browser, account?: [string, string]): Promise<Page> {
  const context = await browser.newContext();
  await readsEnglish(context);
  const page = await context.newPage();
  if (account) {
    await page.goto("/login");
    await page.getByLabel("Email").fill(account[0]);
    await page.getByLabel("Password", { exact: true }).fill(account[1]);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/account$/);
  }
  return page;
}

/** A new browser in English on the site at `baseURL` (a server other than
 *  the project's, such as the empty installation), signed in when an
 *  account is given. */
export async function inEnglishAt(browser: Browser, baseURL: string, account?: [string, string]): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  await readsEnglish(context, baseURL);
  const page = await context.newPage();
  if (account) {
    await page.goto("/login");
    await page.getByLabel("Email").fill(account[0]);
    await page.getByLabel("Password", { exact: true }).fill(account[1]);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/account$/);
  }
  return page;
}

/** The mails in an outbox folder, decoded, newest first. */
export function mailsIn(dir: string): { file: string; text: string }[] {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".eml")).sort().reverse() : [];
  return files.map((file) => ({ file, text: decodeQuotedPrintable(fs.readFileSync(`${dir}/${file}`, "utf8")) }));
}

/** Waits for a mail to `to` in the outbox folder `dir` that `wanted`
 *  accepts (the newest such) and returns its decoded text. */
export async function waitForMail(
  dir: string,
  to: string,
  wanted: (mail: string) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = mailsIn(dir).find(({ text }) => new RegExp(`^To: ${escapeRegExp(to)}\\s*$`, "m").test(text) && wanted(text));
    if (found) return found.text;
    if (Date.now() > deadline) throw new Error(`no such mail to ${to} in ${dir}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The link to `path` (with its token) in a mail's text. */
export function linkInMail(mail: string, path: string): string {
  const match = mail.match(new RegExp(`https?://[^\\s]+${path}\\?token=[A-Za-z0-9_-]+`));
  if (!match) throw new Error(`no ${path} link in the mail`);
  return match[0];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
