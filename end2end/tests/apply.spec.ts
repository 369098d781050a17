import { test, expect, type Page, type BrowserContext } from "@playwright/test";
import { collectErrors, expectNoAxeViolations, keepScreenshot, readLinkFromOutbox, waitForHydration, readsEnglish } from "./helpers";

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

/** A date `months` calendar months before today, as YYYY-MM-DD. */
function monthsAgo(months: number): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

const ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "1 March 2028": the date `months` after `iso` in the site's English form. */
function englishDateAfter(iso: string, months: number): string {
  const [y, m, day] = iso.split("-").map(Number);
  const index = y * 12 + (m - 1) + months;
  return `${day} ${ENGLISH_MONTHS[index % 12]} ${Math.floor(index / 12)}`;
}

/** Waits for the wizard's autosave of answers that contain `text`. */
async function saved(page: Page, text: string) {
  await page.waitForResponse((r) => r.url().includes("save_answers") && r.ok() && (r.request().postData() ?? "").includes(text));
}

test("an organisation applies in English and the eligibility panel follows its answers", async ({ page, context }) => {
  test.setTimeout(90_000);
  await useLanguage(context, "en");
  const errors = collectErrors(page);
  await page.goto("/apply");
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1, name: "Apply for membership" })).toBeVisible();
  await expect(page.getByText("Step 1 of 5")).toBeVisible();
  const panel = page.getByRole("complementary", { name: "Which membership you qualify for" });
  const summary = panel.getByRole("status");
  await expect(summary).toContainText("Answer the questions");
  await expectNoAxeViolations(page);

  await page.getByLabel("Name of the organisation in Georgian").fill("თეთრი ძაფი");
  await page.getByLabel("Name in English").fill("White Thread");
  // The panel answers before anything is sent.
  await page.getByLabel("Legal form").selectOption({ label: "Individual entrepreneur" });
  await expect(panel).toContainText("an individual entrepreneur is not a legal entity");
  await page.getByLabel("Legal form").selectOption({ label: "Limited liability company (LLC)" });
  await expect(panel).not.toContainText("individual entrepreneur");
  // A field is checked when it is left.
  await page.getByLabel("Identification code").fill("12345");
  await page.getByLabel("Identification code").blur();
  await expect(page.getByText("The identification code has exactly 9 digits.")).toBeVisible();
  await page.getByLabel("Identification code").fill("405777001");
  await page.getByLabel("Identification code").blur();
  await expect(page.getByText("The identification code has exactly 9 digits.")).toBeHidden();
  await page.getByLabel("Date of registration").fill("2019-04-01");
  await page.getByRole("checkbox", { name: "Tbilisi" }).check();
  await page.getByRole("checkbox", { name: "Manufacturing" }).check();
  await keepScreenshot(page, "apply-step-1-en");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/apply\?step=2$/);
  await expect(page.getByText("Step 2 of 5")).toBeVisible();

  // Seven months of experience: associate now, full later; the panel says so as the date changes.
  const start = monthsAgo(7);
  await page.getByLabel("Date your social activity started").fill(start);
  await expect(summary).toHaveText(`Qualifies for associate membership now; for full membership from ${englishDateAfter(start, 24)}.`);
  await page.getByLabel("Date your social activity started").fill(monthsAgo(1));
  await expect(summary).toContainText("Does not qualify yet");
  const longAgo = monthsAgo(36);
  await page.getByLabel("Date your social activity started").fill(longAgo);
  await expect(summary).toHaveText("Qualifies for full membership and associate membership now.");
  await expect(page).toHaveURL(/\/apply\?step=2$/);

  // Answers typed are saved as they are typed: a reload keeps them.
  const autosave = saved(page, "Weaving");
  await page.getByLabel("Social mission").fill("Weaving jobs for women in Tbilisi.");
  await autosave;
  await page.reload();
  await waitForHydration(page);
  await expect(page.getByLabel("Date your social activity started")).toHaveValue(longAgo);
  await expect(page.getByLabel("Social mission")).toHaveValue("Weaving jobs for women in Tbilisi.");
  // From here the steps are sent where the page is: set on this page, the
  // mark would be lost by a page load.
  await page.evaluate(() => { (window as any).__samePage = true; });
  await page.getByRole("checkbox", { name: "Women's empowerment" }).check();
  await page.getByRole("button", { name: "Save and continue" }).click();

  await expect(page).toHaveURL(/\/apply\?step=3$/);
  await page.getByLabel("Contact person's full name").fill("Ana Kapanadze");
  await page.getByLabel("Email", { exact: true }).fill("ana@white-thread.example");
  await page.getByLabel("Phone").fill("+995 555 77 70 01");
  await page.getByLabel("Password", { exact: true }).fill("threads-of-Tbilisi-2026");
  await page.getByLabel("Repeat the password").fill("threads-of-Tbilisi-2062");
  // Checked as the field is left...
  await page.getByLabel("Repeat the password").blur();
  await expect(page.getByText("The passwords do not match.")).toBeVisible();
  // ...and by the server: the step comes back where the page is, with focus
  // on its problems and nothing typed lost but the passwords.
  await page.getByRole("button", { name: "Save and continue" }).click();
  const problems = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(problems).toBeFocused();
  // And it stays there: the earlier step's answer (which looks for what to
  // focus for up to two seconds) does not pull focus away.
  await page.waitForTimeout(2_500);
  await expect(problems).toBeFocused();
  await expect(problems).toContainText("The passwords do not match.");
  await expect(page.getByLabel("Phone")).toHaveValue("+995 555 77 70 01");
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await page.getByLabel("Password", { exact: true }).fill("threads-of-Tbilisi-2026");
  await page.getByLabel("Repeat the password").fill("threads-of-Tbilisi-2026");
  await page.getByRole("button", { name: "Save and continue" }).click();

  await expect(page).toHaveURL(/\/apply\?step=4$/);
  // Honorary needs a statement of support: it cannot be chosen, and says why.
  await expect(page.getByRole("radio", { name: "Honorary member" })).toBeDisabled();
  await expect(page.getByRole("radio", { name: "Honorary member" })).toHaveAccessibleDescription("Needs a statement of support (step 2).");
  await page.getByRole("radio", { name: "Full member" }).check();
  await page.getByRole("checkbox", { name: /processes the data/ }).check();
  await page.getByRole("checkbox", { name: /public member directory/ }).check();
  await expectNoAxeViolations(page);
  await keepScreenshot(page, "apply-step-4-en");
  await page.getByRole("button", { name: "Save and continue" }).click();

  await expect(page).toHaveURL(/\/apply\?step=5$/);
  await expect(page.getByText("White Thread")).toBeVisible();
  await expect(page.getByRole("link", { name: "Change Social mission" })).toBeVisible();
  expect(await page.evaluate(() => (window as any).__samePage === true)).toBe(true);
  await expectNoAxeViolations(page);
  await keepScreenshot(page, "apply-step-5-en");
  await page.getByRole("button", { name: "Send the application" }).click();

  await expect(page).toHaveURL(/\/apply\/status\?sent=1$/);
  // The page's own "Loading…" is a status too while the application loads.
  await expect(page.getByRole("status").filter({ hasText: "We have emailed" })).toContainText("We have emailed you about your application");
  // Until the address is confirmed the page says the same as it would for
  // an address with an account; the mailed link opens the application.
  await expect(page.getByText("Open the email we have sent you")).toBeVisible();
  await page.goto(await readLinkFromOutbox("ana@white-thread.example", "/apply/status"));
  await expect(page.getByText("Submitted").first()).toBeVisible();
  await expectNoAxeViolations(page);
  await keepScreenshot(page, "apply-status-en");
  expect(errors).toEqual([]);
});

test("without JavaScript an organisation applies in Georgian, is returned for changes and sends again", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ javaScriptEnabled: false });
  await useLanguage(context, "ka");
  const page = await context.newPage();
  await page.goto("/apply");
  await expect(page.getByText("ნაბიჯი 1 / 5")).toBeVisible();
  // A step sent with problems comes back with a summary that links to each field.
  await page.getByLabel("ორგანიზაციის სახელწოდება ქართულად").fill("მწვანე ეზო");
  await page.getByRole("button", { name: "შენახვა და გაგრძელება" }).click();
  const summary = page.getByRole("alert");
  await expect(summary.getByRole("link", { name: /საიდენტიფიკაციო კოდი/ })).toBeVisible();
  await expect(page.getByLabel("ორგანიზაციის სახელწოდება ქართულად")).toHaveValue("მწვანე ეზო");
  await keepScreenshot(page, "apply-step-1-ka-nojs-errors");
  await page.getByLabel("სამართლებრივი ფორმა").selectOption({ label: "კოოპერატივი" });
  await page.getByLabel("საიდენტიფიკაციო კოდი").fill("405777002");
  await page.getByLabel("რეგისტრაციის თარიღი").fill("2020-02-29");
  await page.getByRole("checkbox", { name: "იმერეთი" }).check();
  await page.getByRole("checkbox", { name: "დამამუშავებელი მრეწველობა" }).check();
  await page.getByRole("button", { name: "შენახვა და გაგრძელება" }).click();

  await expect(page).toHaveURL(/step=2$/);
  await page.getByLabel("სოციალური საქმიანობის დაწყების თარიღი").fill(monthsAgo(30));
  await page.getByLabel("სოციალური მისია").fill("შშმ პირების დასაქმება ხის ნაკეთობების სახელოსნოში.");
  await page.getByRole("button", { name: "შენახვა და გაგრძელება" }).click();
  // Without JavaScript the server renders the eligibility panel after each step.
  await expect(page).toHaveURL(/step=3$/);
  await expect(page.getByRole("complementary")).toContainText("ახლავე აკმაყოფილებს სრულუფლებიანი წევრობის და ასოცირებული წევრობის პირობებს.");

  await page.getByLabel("საკონტაქტო პირის სახელი და გვარი").fill("გიორგი ლომიძე");
  await page.getByLabel("ელფოსტა").fill("giorgi@mtsvane-ezo.example");
  await page.getByLabel("ტელეფონი").fill("+995 599 77 70 02");
  await page.getByLabel("პაროლი", { exact: true }).fill("wooden-Toys-of-Imereti-7");
  await page.getByLabel("გაიმეორეთ პაროლი").fill("wooden-Toys-of-Imereti-7");
  await page.getByRole("button", { name: "შენახვა და გაგრძელება" }).click();

  await expect(page).toHaveURL(/step=4$/);
  await page.getByRole("radio", { name: "ასოცირებული წევრი" }).check();
  await page.getByRole("checkbox", { name: /ვეთანხმები/ }).check();
  await page.getByRole("button", { name: "შენახვა და გაგრძელება" }).click();
  await expect(page).toHaveURL(/step=5$/);
  await page.getByRole("button", { name: "განაცხადის გაგზავნა" }).click();
  await expect(page).toHaveURL(/\/apply\/status\?sent=1$/);
  const statusLink = await readLinkFromOutbox("giorgi@mtsvane-ezo.example", "/apply/status");
  await page.goto(statusLink);
  await expect(page.getByText("გაგზავნილია").first()).toBeVisible();

  // The secretariat returns it with a message.
  const staffContext = await browser.newContext();
  await useLanguage(staffContext, "en");
  const staff = await staffContext.newPage();
  await logIn(staff, "staff@alliance.example.org", STAFF_PASSWORD);
  await staff.goto("/admin/applications");
  await staff.getByRole("link", { name: "მწვანე ეზო" }).click();
  await expect(staff.getByRole("heading", { level: 1, name: "მწვანე ეზო" })).toBeVisible();
  await staff.getByRole("button", { name: "Return for changes" }).click();
  await expect(staff.getByText("Fill in this field.")).toBeVisible();
  await staff.getByLabel("Message to the applicant").fill("Please add the projects you run.");
  await staff.getByRole("button", { name: "Return for changes" }).click();
  await expect(staff.getByRole("status")).toContainText("Decision recorded: Returned for changes");

  // The applicant sees the message, changes the answers and sends them again.
  await page.goto(statusLink);
  await expect(page.getByText("Please add the projects you run.")).toBeVisible();
  await page.getByRole("button", { name: "პასუხების შეცვლა" }).click();
  await expect(page).toHaveURL(/\/apply\?step=1$/);
  await expect(page.getByLabel("საიდენტიფიკაციო კოდი")).toHaveValue("405777002");
  await page.goto("/apply?step=2");
  await page.getByLabel("პროექტები და საქმიანობა").fill("სახელოსნო ქუთაისში, 12 დასაქმებული.");
  await page.getByRole("button", { name: "შენახვა და გაგრძელება" }).click();
  await page.goto("/apply?step=5");
  await expect(page.getByText("სახელოსნო ქუთაისში, 12 დასაქმებული.")).toBeVisible();
  await page.getByRole("button", { name: "განაცხადის გაგზავნა" }).click();
  await expect(page).toHaveURL(/\/apply\/status\?sent=1$/);
  await page.goto(statusLink);
  await expect(page.getByText("ხელახლა გაგზავნილია").first()).toBeVisible();
  await keepScreenshot(page, "apply-status-ka-resubmitted");
  await staffContext.close();
  await context.close();
});

test("a reviewer approves an application and the organisation appears in the directory", async ({ page, context }) => {
  await useLanguage(context, "en");
  await logIn(page, "staff@alliance.example.org", STAFF_PASSWORD);
  await page.goto("/admin/applications");
  await expect(page.getByRole("heading", { level: 1, name: "Membership applications" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Mountain Spring" }).click();
  await expect(page.getByRole("heading", { name: /Eligibility as of today/ })).toBeVisible();
  await expect(page.getByText("Qualifies for full membership and associate membership now.")).toBeVisible();
  await expectNoAxeViolations(page);
  await keepScreenshot(page, "review-detail-en");
  await expect(page.getByRole("radio", { name: "Full member" })).toBeChecked();
  // Decisions are sent where the page is: returning without a message is
  // refused at the message, with focus there.
  await page.evaluate(() => { (window as any).__samePage = true; });
  await page.getByRole("button", { name: "Return for changes" }).click();
  const message = page.getByRole("textbox", { name: "Message to the applicant" });
  await expect(message).toBeFocused();
  await expect(message).toHaveAccessibleDescription(/Fill in this field\./);
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status")).toContainText("Decision recorded: Approved");
  expect(await page.evaluate(() => (window as any).__samePage === true)).toBe(true);
  await page.getByRole("link", { name: "See your organisation in the member directory" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mountain Spring" })).toBeVisible();
  await page.goto("/members?q=Mountain+Spring");
  await expect(page.getByRole("heading", { level: 2, name: "Mountain Spring" })).toBeVisible();
});
