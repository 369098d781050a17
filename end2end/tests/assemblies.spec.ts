import * as fs from "node:fs";
import { test, expect, type Browser, type Page } from "@playwright/test";
import { collectErrors, expectNoAxeViolations, keepScreenshot, waitForHydration, readsEnglish } from "./helpers";

// The tests share the demo assembly and follow one another.
test.describe.configure({ mode: "serial" });

const ASSEMBLY_EN = "General Assembly of Members 2027";
const ASSEMBLY_KA = "წევრთა საერთო კრება 2027";
const MEMBER_PASSWORD = "member-demo-Alliance-2026";

async function signedIn(browser: Browser, email: string, password: string, lang: "ka" | "en", javaScript = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: javaScript });
  if (lang === "en") await readsEnglish(context);
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel(/^(Email|ელფოსტა)$/).fill(email);
  await page.getByLabel(/^(Password|პაროლი)$/).fill(password);
  await page.getByRole("button", { name: /^(Log in|შესვლა)$/ }).click();
  await expect(page).toHaveURL(/\/account$/);
  return page;
}

test("delegates check in, vote in two steps and see the result", async ({ browser }) => {
  test.setTimeout(120_000);
  const staff = await signedIn(browser, "staff@alliance.example.org", "staff-demo-Alliance-2026", "en");
  const member = await signedIn(browser, "nakargi@alliance.example.org", MEMBER_PASSWORD, "en");
  const errors = collectErrors(member);
  // Every live stream the delegate's browser opens.
  let memberStreams = 0;
  member.on("request", (request) => {
    if (/\/assemblies\/\d+\/live$/.test(request.url())) memberStreams += 1;
  });
  // A second delegate without JavaScript, in Georgian.
  const other = await signedIn(browser, "borbali@alliance.example.org", MEMBER_PASSWORD, "ka", false);

  // Staff watch the assembly page while delegates arrive. Their first live
  // stream is refused (as a proxy does while the server restarts): the page
  // opens it again by itself.
  let staffStreams = 0;
  await staff.route(/\/assemblies\/\d+\/live$/, async (route) => {
    staffStreams += 1;
    if (staffStreams === 1) await route.fulfill({ status: 503, body: "" });
    else await route.continue();
  });
  await staff.goto("/assemblies");
  await staff.getByRole("link", { name: ASSEMBLY_EN }).click();
  await waitForHydration(staff);
  const staffQuorum = staff.getByRole("complementary").getByRole("status").first();
  const quorumBefore = await staffQuorum.textContent();

  // The delegate finds the assembly from the header and checks in.
  await member.getByRole("link", { name: "General Assemblies" }).click();
  await member.getByRole("link", { name: ASSEMBLY_EN }).click();
  await waitForHydration(member);
  await expect(member.getByRole("heading", { level: 1, name: ASSEMBLY_EN })).toBeVisible();
  const quorum = member.getByRole("complementary").getByRole("status");
  const before = await quorum.textContent();
  // Set on this page: a page load would lose it.
  await member.evaluate(() => { (window as any).__samePage = true; });
  await member.getByRole("button", { name: "Check in" }).click();
  await expect(member.getByRole("status").first()).toContainText("Checked in.");
  // Checked in where the page is, without loading it again.
  expect(await member.evaluate(() => (window as any).__samePage === true)).toBe(true);
  await expect(quorum).not.toHaveText(before ?? "");
  await waitForHydration(member);
  await expectNoAxeViolations(member);
  // The staff screen's quorum changed without reloading.
  await expect(staffQuorum).not.toHaveText(quorumBefore ?? "", { timeout: 5_000 });
  expect(staffStreams).toBeGreaterThan(1);

  await other.goto("/assemblies");
  await other.getByRole("link", { name: ASSEMBLY_KA }).click();
  await other.getByRole("button", { name: "რეგისტრაცია" }).click();
  await expect(other.getByText("დარეგისტრირებულია.").first()).toBeVisible();

  // Staff open the prepared motion; the delegate's open page shows it at once.
  const motion = staff.getByRole("article", { name: "Does the assembly approve the 2026 annual report?" });
  // Two of the demo's voting members are present: no quorum, so opening
  // asks for the box, and the poll says so.
  await motion.getByRole("button", { name: "Open the vote" }).click();
  await expect(staff.getByText("The quorum is not met. To open the vote anyway")).toBeVisible();
  await motion.getByRole("checkbox", { name: "Open without quorum (the minutes will say so)" }).check();
  await motion.getByRole("button", { name: "Open the vote" }).click();
  await expect(staff.getByText("The vote is open.")).toBeVisible();
  await expect(motion.getByText(/^Opened without quorum: 2 present, \d+ needed\.$/)).toBeVisible();
  await waitForHydration(staff);
  await keepScreenshot(staff, "assembly-staff-en");
  const memberMotion = member.getByRole("article", { name: "Does the assembly approve the 2026 annual report?" });
  await expect(memberMotion.getByRole("link", { name: "Vote" })).toBeVisible({ timeout: 3_000 });
  const projector = await staff.context().newPage();
  await projector.goto(staff.url().replace(/\?.*$/, "") + "/projector");
  await waitForHydration(projector);
  await expect(projector.getByText("Does the assembly approve the 2026 annual report?")).toBeVisible();
  // The hall's screen is the projector alone: no site header, navigation or footer.
  await expect(projector.getByRole("navigation")).toHaveCount(0);
  await expect(projector.getByRole("banner")).toBeHidden();
  await expect(projector.getByRole("contentinfo")).toBeHidden();
  await expect(projector.getByRole("status").last()).toHaveText("0 of 2 have voted");

  // The delegate votes: choose, check, cast.
  await memberMotion.getByRole("link", { name: "Vote" }).click();
  await waitForHydration(member);
  await member.getByRole("radio", { name: "No" }).check();
  await expectNoAxeViolations(member);
  await member.getByRole("button", { name: "Review the vote" }).click();
  await expect(member.getByRole("heading", { name: "Check your vote" })).toBeFocused();
  await expect(member.getByText("No", { exact: true })).toBeVisible();
  // Changing the choice goes back to the ballot, where it is.
  await member.getByRole("link", { name: "Change", exact: true }).click();
  await member.getByRole("radio", { name: "Yes" }).check();
  await member.getByRole("button", { name: "Review the vote" }).click();
  await expect(member.getByText("Yes", { exact: true })).toBeVisible();
  await member.getByRole("button", { name: "Cast the vote" }).click();
  await expect(member.getByRole("status")).toContainText("Your organisation's vote is recorded.");
  // The receipt is where focus is, and the ballot now says it is cast.
  await expect(member.getByRole("status")).toBeFocused();
  await expect(member.getByText("This organisation has already voted in this poll.")).toBeVisible();
  await keepScreenshot(member, "assembly-ballot-recorded-en");
  // Chosen, checked and cast without loading a page; back at the assembly
  // the turnout counts the vote, over the stream opened once at the start.
  expect(await member.evaluate(() => (window as any).__samePage === true)).toBe(true);
  const ballotAddress = member.url();
  await member.getByRole("link", { name: "Back to the assembly" }).click();
  await expect(memberMotion.getByText("1 of 2 have voted")).toBeVisible();
  expect(memberStreams).toBe(1);
  // Once only: loaded anew, the ballot screen says so.
  await member.goto(ballotAddress);
  await expect(member.getByText("This organisation has already voted in this poll.")).toBeVisible();

  // The other delegate votes without JavaScript.
  await other.reload();
  await other.getByRole("link", { name: "ხმის მიცემა" }).first().click();
  await other.getByRole("radio", { name: "წინააღმდეგი" }).check();
  await other.getByRole("button", { name: "არჩევანის გადამოწმება" }).click();
  await other.getByRole("button", { name: "ხმის მიცემა" }).click();
  await expect(other.getByRole("status")).toContainText("თქვენი ორგანიზაციის ხმა აღრიცხულია.");

  // Open screens follow without reloading: the turnout on the staff page and
  // the projector, and how each organisation voted.
  await expect(motion.getByText("2 of 2 have voted")).toBeVisible({ timeout: 3_000 });
  await expect(projector.getByRole("status").last()).toHaveText("2 of 2 have voted");
  await motion.getByText("How each organisation voted").click();
  await expect(motion.getByText("Nakargi Embroidery Workshop: Yes")).toBeVisible();
  await keepScreenshot(projector, "assembly-projector-en");

  // Staff close the vote; the result is published with how each voted.
  await motion.getByRole("button", { name: "Close the vote" }).click();
  const result = staff.getByRole("article", { name: "Does the assembly approve the 2026 annual report?" });
  await expect(result.getByRole("table", { name: "Results" })).toBeVisible();
  await expect(result.getByText("Not adopted")).toBeVisible();
  await expect(result.getByRole("row", { name: /Yes 1 50\.0 %/ })).toBeVisible();
  await expectNoAxeViolations(staff);
  await keepScreenshot(staff, "assembly-results-en");
  // The projector shows the result without reloading.
  await expect(projector.getByText("Not adopted")).toBeVisible({ timeout: 3_000 });
  await keepScreenshot(projector, "assembly-projector-result-en");
  await expectNoAxeViolations(projector);
  expect(errors).toEqual([]);
});

test("a secret election gives a tracker code that is found in the published bulletin", async ({ browser }) => {
  test.setTimeout(120_000);
  const staff = await signedIn(browser, "staff@alliance.example.org", "staff-demo-Alliance-2026", "en");
  const member = await signedIn(browser, "nakargi@alliance.example.org", MEMBER_PASSWORD, "ka");
  await member.goto("/assemblies");
  await member.getByRole("link", { name: ASSEMBLY_KA }).click();
  // Checked in by the first test, or now.
  const checkIn = member.getByRole("button", { name: "რეგისტრაცია" });
  if (await checkIn.isVisible()) await checkIn.click();

  await staff.goto("/assemblies");
  await staff.getByRole("link", { name: ASSEMBLY_EN }).click();
  const election = staff.getByRole("article", { name: "The vacant Board seat" });
  await election.getByRole("checkbox", { name: "Open without quorum (the minutes will say so)" }).check();
  await election.getByRole("button", { name: "Open the vote" }).click();
  await expect(staff.getByText("The vote is open.")).toBeVisible();

  await member.reload();
  await member.getByRole("article", { name: "გამგეობის ვაკანტური ადგილი" }).getByRole("link", { name: "ხმის მიცემა" }).click();
  await member.getByRole("checkbox", { name: "თამარ კვარაცხელია" }).check();
  await member.getByRole("button", { name: "არჩევანის გადამოწმება" }).click();
  await member.getByRole("button", { name: "ხმის მიცემა" }).click();
  const tracker = (await member.locator("code.tracker").textContent())?.trim() ?? "";
  expect(tracker).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expectNoAxeViolations(member);
  await keepScreenshot(member, "assembly-tracker-ka");

  await staff.reload();
  await staff.getByRole("article", { name: "The vacant Board seat" }).getByRole("button", { name: "Close the vote" }).click();
  await member.goto("/assemblies");
  await member.getByRole("link", { name: ASSEMBLY_KA }).click();
  const closed = member.getByRole("article", { name: "გამგეობის ვაკანტური ადგილი" });
  await closed.getByText("ბიულეტენები შემოწმების კოდებით").click();
  await expect(closed.getByRole("row", { name: new RegExp(`${tracker} თამარ კვარაცხელია`) })).toBeVisible();
  await expect(closed.getByText("არჩეულია")).toBeVisible();
  // The box on the bulletin finds the ballot, however the code is typed.
  await closed.getByLabel("თქვენი შემოწმების კოდი").fill(tracker.toLowerCase().replaceAll("-", " "));
  await closed.getByRole("button", { name: "ჩემი ბიულეტენის პოვნა" }).click();
  await expect(member.getByRole("status").filter({ hasText: tracker })).toHaveText(
    `ბიულეტენი შემოწმების კოდით ${tracker} დაითვალა ასე: თამარ კვარაცხელია.`,
  );
  await expect(member.getByRole("row", { name: new RegExp(tracker) })).toBeVisible();
  await expectNoAxeViolations(member);
  await keepScreenshot(member, "assembly-tracker-found-ka");
});

test("staff prepare a 7-seat election and the seven with most votes are elected", async ({ browser }) => {
  test.setTimeout(120_000);
  const staff = await signedIn(browser, "staff@alliance.example.org", "staff-demo-Alliance-2026", "en");
  const member = await signedIn(browser, "nakargi@alliance.example.org", MEMBER_PASSWORD, "en");
  await member.goto("/assemblies");
  await member.getByRole("link", { name: ASSEMBLY_EN }).click();
  const checkIn = member.getByRole("button", { name: "Check in" });
  if (await checkIn.isVisible()) await checkIn.click();

  await staff.goto("/assemblies");
  await staff.getByRole("link", { name: ASSEMBLY_EN }).click();
  await staff.getByText("Prepare a vote").click();
  await staff.getByLabel("Question in Georgian").fill("გამგეობის არჩევა 2027–2030");
  await staff.getByLabel("Question in English").fill("Board election 2027–2030");
  await staff.getByRole("radio", { name: "Election" }).check();
  await staff.getByLabel("Seats").fill("7");
  const candidates = ["Ana", "Bela", "Dato", "Eka", "Gela", "Irma", "Keti", "Levan", "Maka"];
  await staff.getByLabel("Candidates").fill(candidates.join("\n"));
  await staff.getByRole("button", { name: "Prepare the vote" }).click();
  await expect(staff.getByText("The vote is prepared.")).toBeVisible();
  const election = staff.getByRole("article", { name: "Board election 2027–2030" });
  await election.getByRole("checkbox", { name: "Open without quorum (the minutes will say so)" }).check();
  await election.getByRole("button", { name: "Open the vote" }).click();
  await expect(staff.getByText("The vote is open.")).toBeVisible();

  await member.reload();
  await member.getByRole("article", { name: "Board election 2027–2030" }).getByRole("link", { name: "Vote" }).click();
  await expect(member.getByText("Mark at most 7.")).toBeVisible();
  for (const name of candidates.slice(0, 7)) await member.getByRole("checkbox", { name }).check();
  await member.getByRole("button", { name: "Review the vote" }).click();
  await expect(member.getByText(candidates.slice(0, 7).join(", "))).toBeVisible();
  await member.getByRole("button", { name: "Cast the vote" }).click();
  await expect(member.getByRole("status")).toContainText("Your organisation's vote is recorded.");

  await staff.reload();
  await staff.getByRole("article", { name: "Board election 2027–2030" }).getByRole("button", { name: "Close the vote" }).click();
  const results = staff.getByRole("article", { name: "Board election 2027–2030" }).getByRole("table", { name: "Results" });
  await expect(results.getByRole("cell", { name: "Elected" })).toHaveCount(7);
  await expect(results.getByRole("row", { name: /^Levan 0/ })).toBeVisible();
  await keepScreenshot(staff, "assembly-election-7-seats-en");

  // The delegate leaves the hall: checked out, not counted, then back.
  await member.goto("/assemblies");
  await member.getByRole("link", { name: ASSEMBLY_EN }).click();
  await waitForHydration(member);
  // The count of those present (other tests change the voting members
  // beside this one, so only the present count is compared).
  const quorum = member.getByRole("complementary").getByRole("status").first();
  const present = async () => Number((await quorum.textContent())?.match(/^(\d+) of/)?.[1]);
  const before = await present();
  await member.getByRole("button", { name: "Check out" }).click();
  await expect(member.getByText("Checked out: the organisation no longer counts as present.")).toBeVisible();
  await expect.poll(present).toBe(before - 1);
  await expect(member.getByRole("button", { name: "Check in" })).toBeVisible();
  await expectNoAxeViolations(member);
  await keepScreenshot(member, "assembly-checked-out-en");
  await member.getByRole("button", { name: "Check in" }).click();
  await expect(member.getByText("Checked in.").first()).toBeVisible();
  await expect.poll(present).toBe(before);

  // The minutes so far, as a spreadsheet: attendance and the votes.
  const download = member.waitForEvent("download");
  await member.getByRole("link", { name: "spreadsheet (CSV)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^assembly-\d+-minutes\.csv$/);
  const text = fs.readFileSync(await file.path(), "utf8");
  expect(text.startsWith("\ufeffsection,id,name_ka,name_en,from,until,figures,result")).toBe(true);
  expect(text).toContain("Board election 2027–2030");
  expect(text).toMatch(/\r\nattendance,\d+,ნაქარგი,/);
});

test("staff confirm the elected as the next Board, which appears with its term", async ({ browser }) => {
  const staff = await signedIn(browser, "staff@alliance.example.org", "staff-demo-Alliance-2026", "en");
  await staff.goto("/assemblies");
  await staff.getByRole("link", { name: ASSEMBLY_EN }).click();
  await staff.getByRole("article", { name: "Board election 2027–2030" }).getByRole("link", { name: "Confirm the elected as the new Board" }).click();
  await expect(staff.getByRole("heading", { level: 1, name: "Confirm the new Board" })).toBeVisible();
  await waitForHydration(staff);
  const elected = ["Ana", "Bela", "Dato", "Eka", "Gela", "Irma", "Keti"];
  for (const [n, name] of elected.entries()) {
    const seat = staff.getByRole("group", { name: `Seat ${n + 1}` });
    await expect(seat.getByText(name, { exact: true })).toBeVisible();
    await seat.getByLabel("Organisation").selectOption({ index: n + 1 });
  }
  // The next Board takes office in a hundred days (the demo's Board stays
  // in office until then).
  const start = new Date(Date.now() + 100 * 86_400_000);
  await staff.getByLabel("First day of the term").fill(start.toISOString().slice(0, 10));
  await expectNoAxeViolations(staff);
  await keepScreenshot(staff, "board-confirm-en");
  await staff.getByRole("button", { name: "Confirm the new Board" }).click();
  await expect(staff).toHaveURL(/\/board\?done=recorded$/);
  const next = staff.getByRole("region", { name: /^The next Board/ });
  await expect(next.getByRole("rowheader")).toHaveText(elected);
  const day = (d: Date) => d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  const end = new Date(start);
  end.setUTCFullYear(end.getUTCFullYear() + 3);
  await expect(next.getByText(`Term of office: ${day(start)} – ${day(end)}`)).toBeVisible();
  await expect(next.getByRole("link", { name: ASSEMBLY_EN })).toBeVisible();
  await expect(staff.getByRole("region", { name: "The Board in office" }).getByRole("rowheader").first()).toBeVisible();
  await expectNoAxeViolations(staff);
  await keepScreenshot(staff, "board-next-en");
});
