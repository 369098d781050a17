import { test, expect, type Locator, type Page } from "@playwright/test";
import {
  collectErrors,
  expectNoAxeViolations,
  inEnglishAt,
  keepScreenshot,
  linkInMail,
  waitForHydration,
  waitForMail,
} from "./helpers";

// The Alliance's first month on a new installation. scripts/e2e.sh starts a
// second server on an empty database where only `alliance migrate` and
// `alliance user create --role admin` were run; everything else here is
// done from the browser, as the secretariat would.
const BASE_URL = process.env.EMPTY_BASE_URL ?? "";
const OUTBOX = process.env.EMPTY_OUTBOX ?? "";
const ADMIN: [string, string] = [
  process.env.EMPTY_ADMIN_EMAIL ?? "first-admin@alliance.example.org",
  process.env.EMPTY_ADMIN_PASSWORD ?? "",
];

test.use({ baseURL: BASE_URL });

const STAFF_EMAIL = "tamar.kapanadze@alliance.example.org";
const STAFF_PASSWORD = "river-copper-58-lantern-month";

/** The members the Alliance had before the platform, as a spreadsheet holds them. */
const MEMBERS = [
  {
    name_ka: "თბილისის ქსოვის სახელოსნო",
    name_en: "Tbilisi Weaving Workshop",
    identification_code: "204567891",
    category: "full",
    member_since: "2018-03-01",
    sectors: "C;S",
    legal_form: "llc",
    regions: "GE-TB",
    representative_name: "Nino Beridze",
    representative_email: "nino.beridze@weaving.example.ge",
    representative_language: "en",
  },
  {
    name_ka: "მწვანე ბორბალი",
    name_en: "Green Wheel Recycling",
    identification_code: "205678912",
    category: "full",
    member_since: "2019-06-15",
    sectors: "E",
    legal_form: "nnle",
    regions: "GE-IM",
    representative_name: "Giorgi Lomidze",
    representative_email: "giorgi.lomidze@greenwheel.example.ge",
    representative_language: "en",
  },
  {
    name_ka: "კახური საცხობი",
    name_en: "Kakheti Community Bakery",
    identification_code: "206789123",
    category: "associate",
    member_since: "2021-09-01",
    sectors: "C;I",
    legal_form: "cooperative",
    regions: "GE-KA",
    representative_name: "Eka Tsereteli",
    representative_email: "eka.tsereteli@bakery.example.ge",
    representative_language: "ka",
  },
];

const ASSEMBLY_EN = "First General Assembly on the platform";
const ASSEMBLY_KA = "პირველი საერთო კრება პლატფორმაზე";
const ITEMS = [
  { ka: "2026 წლის ანგარიში", en: "The 2026 annual report" },
  { ka: "2027 წლის ბიუჯეტი", en: "The 2027 budget" },
];
const ITEM_CORRECTED = { ka: "2027 წლის ბიუჯეტის პროექტი", en: "The draft budget for 2027" };
const DOCUMENT = { ka: "2026 წლის ანგარიში (PDF)", en: "Annual report 2026" };

test("the first month from an empty database", async ({ browser }) => {
  test.skip(!BASE_URL || !OUTBOX || !ADMIN[1], "needs the empty server that scripts/e2e.sh starts");
  test.setTimeout(180_000);
  // The console errors of every page opened, checked at the end.
  const errors: string[][] = [];
  /** A new browser in English, signed in when an account is given. */
  const open = async (account?: [string, string]) => {
    const page = await inEnglishAt(browser, BASE_URL);
    errors.push(collectErrors(page));
    if (account) await logIn(page, account);
    return page;
  };

  // 1. The administrator made on the command line signs in.
  const admin = await test.step("the administrator signs in and reaches the dashboard", async () => {
    const admin = await open(ADMIN);
    await admin.getByRole("link", { name: "Dashboard", exact: true }).click();
    await expect(admin).toHaveURL(/\/admin$/);
    await expect(admin.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    // Nothing yet: no assembly, no application.
    await expect(admin.getByRole("region", { name: "Assemblies being prepared" })).toContainText("No assembly is being prepared.");
    await expect(admin.getByRole("region", { name: "Applications waiting for a decision" })).toContainText(
      "No application is waiting for a decision.",
    );
    await keepScreenshot(admin, "first-month-1-dashboard-empty");
    return admin;
  });

  // 2. The secretariat gets its account.
  await test.step("the administrator invites a member of the secretariat", async () => {
    await admin.getByRole("link", { name: "Accounts", exact: true }).click();
    await expect(admin.getByRole("heading", { level: 2, name: "Invite a person" })).toBeVisible();
    await waitForHydration(admin);
    await admin.getByLabel("Email", { exact: true }).fill(STAFF_EMAIL);
    await admin.getByLabel("Full name").fill("Tamar Kapanadze");
    await admin.getByLabel("Role", { exact: true }).selectOption("staff");
    await admin.getByLabel("Language of the invitation").selectOption("en");
    await admin.getByRole("button", { name: "Send the invitation", exact: true }).click();
    await expect(admin.getByRole("status")).toContainText(`An invitation has been sent to ${STAFF_EMAIL}.`);
    await expect(admin.getByRole("row", { name: new RegExp(STAFF_EMAIL) })).toContainText("Invited");
    await keepScreenshot(admin, "first-month-2-invited");
  });

  const staff = await test.step("the invited person chooses a password from the mailed link and signs in", async () => {
    const staff = await open();
    const mail = await waitForMail(OUTBOX, STAFF_EMAIL, (text) => text.includes("/invite?token="));
    await staff.goto(linkInMail(mail, "/invite"));
    await expect(staff.getByRole("heading", { level: 1, name: "Accept your invitation" })).toBeVisible();
    await staff.getByLabel("New password").fill(STAFF_PASSWORD);
    await staff.getByLabel("Repeat the password").fill(STAFF_PASSWORD);
    await staff.getByRole("button", { name: "Save the password" }).click();
    await expect(staff.getByRole("status")).toContainText("Your password is saved.");
    await expect(staff.getByLabel("Email")).toHaveValue(STAFF_EMAIL);
    await staff.getByLabel("Password", { exact: true }).fill(STAFF_PASSWORD);
    await staff.getByRole("button", { name: "Log in" }).click();
    await expect(staff).toHaveURL(/\/account$/);
    await expect(staff.getByText("Secretariat")).toBeVisible();
    return staff;
  });

  // 3. The existing members come in from a spreadsheet.
  await test.step("staff import the existing members from a CSV file", async () => {
    await staff.getByRole("link", { name: "Organisations", exact: true }).click();
    await expect(staff).toHaveURL(/\/admin\/organisations$/);
    await waitForHydration(staff);
    await staff.getByRole("link", { name: "Import from a file" }).click();
    await expect(staff.getByRole("heading", { level: 1, name: "Import member organisations" })).toBeVisible();
    await staff.waitForLoadState("networkidle");

    // The file is made like a spreadsheet made from the template: its columns, in its order.
    const template = await staff.request.get("/admin/organisations/import/template.csv");
    expect(template.ok()).toBe(true);
    const columns = (await template.text()).replace(/^\ufeff/, "").split(/\r?\n/)[0].split(",");
    const csv = [columns.join(","), ...MEMBERS.map((m) => columns.map((c) => (m as Record<string, string>)[c] ?? "").join(","))].join(
      "\r\n",
    );
    await staff.getByLabel("CSV file").setInputFiles({ name: "members.csv", mimeType: "text/csv", buffer: Buffer.from("\ufeff" + csv) });
    await staff.getByRole("button", { name: "Check the file" }).click();
    await expect(staff.getByRole("status").filter({ hasText: "Every row is right" })).toHaveText(
      "Every row is right: 3 organisations, 3 invitations to send.",
    );
    const table = staff.getByRole("table", { name: "What the file holds" });
    for (const member of MEMBERS) {
      const row = table.getByRole("row", { name: new RegExp(member.name_en) });
      await expect(row).toContainText("Will be added as a member.");
      await expect(row).toContainText(`An invitation goes to ${member.representative_email}.`);
    }
    await keepScreenshot(staff, "first-month-3-import-preview");
    await staff.getByRole("button", { name: "Import 3 organisations" }).click();
    await expect(staff).toHaveURL(/\/admin\/organisations\?imported=3$/);
    await expect(staff.getByRole("status").filter({ hasText: "Imported" })).toHaveText("Imported: 3 organisations.");
    // Each representative is invited to choose a password.
    for (const member of MEMBERS) {
      await waitForMail(OUTBOX, member.representative_email, (text) => text.includes("/invite?token="));
    }
  });

  await test.step("a visitor finds the members in the directory", async () => {
    const visitor = await open();
    await visitor.goto("/members");
    for (const member of MEMBERS) {
      await expect(visitor.getByRole("heading", { level: 2, name: member.name_en })).toBeVisible();
    }
    await keepScreenshot(visitor, "first-month-3-directory");
    await visitor.context().close();
  });

  // 4. The first news post.
  const postTitle = "The Alliance opens its platform";
  await test.step("staff write and publish a news post", async () => {
    await staff.getByRole("link", { name: "Dashboard", exact: true }).click();
    await waitForHydration(staff);
    await staff.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "News posts" }).click();
    await expect(staff.getByRole("heading", { level: 1, name: "News posts" })).toBeVisible();
    await expect(staff.getByText("No post has been written yet.")).toBeVisible();
    await staff.getByRole("link", { name: "Write a post" }).click();
    await expect(staff.getByRole("heading", { level: 1, name: "A new post" })).toBeVisible();
    await staff.waitForLoadState("networkidle");
    await staff.getByLabel("Title in Georgian").fill("ალიანსი ხსნის თავის პლატფორმას");
    await staff.getByLabel("Title in English").fill(postTitle);
    await staff.getByLabel("Summary in Georgian").fill("წევრები, ახალი ამბები და კრებები ერთ ადგილას.");
    await staff.getByLabel("Summary in English").fill("Members, news and assemblies in one place.");
    await staff.getByLabel("Text in Georgian").fill("**მოგესალმებით** ალიანსის ახალ პლატფორმაზე.");
    await staff.getByLabel("Text in English").fill("**Welcome** to the Alliance's new platform.");
    await staff.getByRole("button", { name: "Publish" }).click();
    await expect(staff.getByRole("status").filter({ hasText: "published" })).toHaveText("The post is published.");
    await keepScreenshot(staff, "first-month-4-news-published");
  });

  await test.step("a visitor reads it on the news page", async () => {
    const visitor = await open();
    await visitor.goto("/news");
    await visitor.getByRole("heading", { level: 2, name: postTitle }).getByRole("link").click();
    await expect(visitor.getByRole("heading", { level: 1, name: postTitle })).toBeVisible();
    await expect(visitor.locator(".prose strong")).toHaveText("Welcome");
    await visitor.context().close();
  });

  // 5. The first General Assembly.
  const startsAt = tbilisiLocal(30, 11);
  await test.step("staff call a General Assembly and build its agenda", async () => {
    await staff.getByRole("link", { name: "General Assemblies", exact: true }).click();
    await expect(staff.getByRole("heading", { level: 1, name: "General Assemblies" })).toBeVisible();
    await expect(staff.getByText("No General Assembly has been called yet.")).toBeVisible();
    await waitForHydration(staff);
    const call = staff.getByRole("region", { name: "Call a General Assembly" });
    await call.getByLabel("Title in Georgian", { exact: true }).fill(ASSEMBLY_KA);
    await call.getByLabel("Title in English", { exact: true }).fill(ASSEMBLY_EN);
    await call.getByLabel("Kind", { exact: true }).selectOption("ordinary");
    await call.getByLabel("Starts at", { exact: true }).fill(startsAt);
    await call.getByLabel("Place", { exact: true }).selectOption("hybrid");
    // The rules start from the configured ones (the charter's); this
    // assembly lets associates vote and allows two proxies per holder.
    const rules = call.getByRole("group", { name: "Rules of this assembly" });
    await expect(rules.getByLabel("Quorum", { exact: true })).toHaveValue(">1/2");
    await expect(rules.getByRole("checkbox", { name: "Full member" })).toBeChecked();
    await expect(rules.getByRole("checkbox", { name: "Associate member" })).not.toBeChecked();
    await rules.getByRole("checkbox", { name: "Associate member" }).check();
    await rules.getByLabel("Proxies one organisation may hold", { exact: true }).selectOption("2");
    await call.getByRole("button", { name: "Create the draft" }).click();
    await expect(staff).toHaveURL(/\/assemblies\/\d+/);
    await expect(staff.getByRole("heading", { level: 1, name: ASSEMBLY_EN })).toBeVisible();
    await expect(notice(staff, "The draft assembly is created.")).toBeVisible();
    const kept = staff.getByRole("definition");
    await expect(kept.filter({ hasText: "More than half of the voting organisations present" })).toBeVisible();
    await expect(kept.filter({ hasText: "Full member, Associate member" })).toBeVisible();
    await expect(kept.filter({ hasText: "At most 2 proxies per organisation" })).toBeVisible();
    await waitForHydration(staff);

    const add = staff.locator("form").filter({ has: staff.getByRole("button", { name: "Add to the agenda" }) });
    for (const item of ITEMS) {
      await add.getByLabel("Item in Georgian", { exact: true }).fill(item.ka);
      await add.getByLabel("Item in English", { exact: true }).fill(item.en);
      await add.getByRole("button", { name: "Add to the agenda" }).click();
      await expect(notice(staff, "The item is on the agenda.")).toBeVisible();
      // Shown where the page is, without loading it again.
      await expect(agendaItem(staff, item.en)).toBeVisible();
    }
    await expect(agenda(staff)).toHaveCount(2);
    await expect(agenda(staff).nth(0)).toContainText(ITEMS[0].en);
    await expect(agenda(staff).nth(1)).toContainText(ITEMS[1].en);
  });

  await test.step("staff move the second item up", async () => {
    await agendaItem(staff, ITEMS[1].en).getByRole("button", { name: `Move up: ${ITEMS[1].en}` }).click();
    await expect(notice(staff, "The agenda is reordered.")).toBeVisible();
    await expect(agenda(staff).nth(0)).toContainText(ITEMS[1].en);
    await expect(agenda(staff).nth(1)).toContainText(ITEMS[0].en);
  });

  await test.step("staff correct an item's text", async () => {
    const item = agendaItem(staff, ITEMS[1].en);
    await item.locator("summary", { hasText: "Correct the text" }).click();
    await item.getByLabel("Item in Georgian", { exact: true }).fill(ITEM_CORRECTED.ka);
    await item.getByLabel("Item in English", { exact: true }).fill(ITEM_CORRECTED.en);
    await item.getByRole("button", { name: "Save the item" }).click();
    await expect(notice(staff, "The item is corrected.")).toBeVisible();
    await expect(agenda(staff).nth(0)).toContainText(ITEM_CORRECTED.en);
    await expect(agenda(staff).nth(1)).toContainText(ITEMS[0].en);
    await expect(staff.locator("ol.agenda")).not.toContainText(ITEMS[1].en);
  });

  await test.step("staff attach a PDF document", async () => {
    const documents = section(staff, "Documents");
    await documents.getByLabel("Document title in Georgian").fill(DOCUMENT.ka);
    await documents.getByLabel("Document title in English").fill(DOCUMENT.en);
    await documents
      .getByLabel("PDF file")
      .setInputFiles({ name: "annual-report-2026.pdf", mimeType: "application/pdf", buffer: tinyPdf("Annual report 2026") });
    await documents.getByRole("button", { name: "Attach the document" }).click();
    await expect(notice(staff, "The document is attached.")).toBeVisible();
    const link = section(staff, "Documents").getByRole("link", { name: DOCUMENT.en });
    await expect(link).toBeVisible();
    const download = await staff.request.get((await link.getAttribute("href")) ?? "");
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toContain("application/pdf");
    expect((await download.body()).subarray(0, 8).toString("latin1")).toBe("%PDF-1.4");
    await keepScreenshot(staff, "first-month-5-assembly-draft");
  });

  const representative = MEMBERS[0].representative_email;
  const isCalendar = (sequence: number) => (mail: string) =>
    /Content-Type: text\/calendar/i.test(mail) &&
    mail.includes("BEGIN:VCALENDAR") &&
    new RegExp(`^SEQUENCE:${sequence}\\r?$`, "m").test(mail);
  await test.step("staff announce the assembly; the representatives get a calendar invitation", async () => {
    await staff.getByRole("button", { name: "Announce and invite the members" }).click();
    await expect(notice(staff, "The assembly is announced; the invitations are sent.")).toBeVisible();
    for (const member of MEMBERS) {
      await waitForMail(OUTBOX, member.representative_email, (mail) => isCalendar(0)(mail) && mail.includes("invitation.ics"));
    }
    const invitation = await waitForMail(OUTBOX, representative, isCalendar(0));
    expect(invitation).toContain(`Subject: Invitation: ${ASSEMBLY_EN}`);
    expect(invitation).toContain(`SUMMARY:${ASSEMBLY_EN}`);
  });

  const movedTo = addDays(startsAt, 7);
  await test.step("staff move the assembly a week later; the representatives are mailed the change", async () => {
    const details = staff.locator("details").filter({ has: staff.locator("summary", { hasText: "Edit the details" }) });
    await details.locator("summary", { hasText: "Edit the details" }).click();
    // The form holds the details as they are.
    await expect(details.getByLabel("Title in English", { exact: true })).toHaveValue(ASSEMBLY_EN);
    await expect(details.getByLabel("Starts at", { exact: true })).toHaveValue(startsAt);
    await details.getByLabel("Starts at", { exact: true }).fill(movedTo);
    await details.getByRole("button", { name: "Save the details" }).click();
    await expect(notice(staff, "The details are saved; every member representative is mailed the change.")).toBeVisible();
    const change = await waitForMail(OUTBOX, representative, isCalendar(1));
    expect(change).toContain(`Subject: Changed: ${ASSEMBLY_EN}`);
    expect(change).toContain(`DTSTART:${utcStamp(movedTo)}`);
    await expectNoAxeViolations(staff);
    await keepScreenshot(staff, "first-month-5-assembly-announced");
  });

  // 6. The dashboard shows the assembly ready.
  await test.step("the dashboard shows the coming assembly with nothing lacking", async () => {
    await admin.goto("/admin");
    await waitForHydration(admin);
    const part = admin.getByRole("region", { name: "Assemblies being prepared" });
    const line = part.getByRole("listitem").filter({ hasText: ASSEMBLY_EN });
    await expect(line).toBeVisible();
    await expect(line).toContainText("announced; 2 agenda items");
    await expect(line).not.toContainText(/no documents|not announced|no agenda/i);
    await expect(line.locator(".dashboard-lacks")).toHaveCount(0);
    // Every invitation and change has left.
    await expect(admin.getByRole("region", { name: "Mail" })).toContainText("Every mail has left.");
    await expectNoAxeViolations(admin);
    await keepScreenshot(admin, "first-month-6-dashboard");
  });

  await test.step("staff record the Board the Alliance elected before the platform", async () => {
    await staff.goto("/board");
    await expect(staff.getByText("The Board's members have not been published yet.")).toBeVisible();
    await staff.getByRole("link", { name: "Record a Board by hand" }).click();
    await expect(staff.getByRole("heading", { level: 1, name: "Record a Board" })).toBeVisible();
    await waitForHydration(staff);
    await staff.getByLabel("First day of the term").fill("2025-03-15");
    const seats: [string, string, string][] = [
      ["ნინო ბერიძე", "Nino Beridze", MEMBERS[0].name_en],
      ["გიორგი კაპანაძე", "Giorgi Kapanadze", MEMBERS[1].name_en],
      ["თამარ ლომიძე", "Tamar Lomidze", MEMBERS[2].name_en],
    ];
    // A seat without its organisation is sent back, with what was typed.
    for (const [n, [ka, en, org]] of seats.entries()) {
      const seat = staff.getByRole("group", { name: `Seat ${n + 1}` });
      await seat.getByLabel("Name in Georgian").fill(ka);
      await seat.getByLabel("Name in English").fill(en);
      if (n < 2) await seat.getByLabel("Organisation").selectOption({ label: org });
    }
    await staff.getByRole("button", { name: "Record the Board" }).click();
    const third = staff.getByRole("group", { name: "Seat 3" });
    await expect(third.getByText("Fill in this field.")).toBeVisible();
    await expect(third.getByLabel("Name in English")).toHaveValue("Tamar Lomidze");
    await expectNoAxeViolations(staff);
    await third.getByLabel("Organisation").selectOption({ label: seats[2][2] });
    await staff.getByRole("button", { name: "Record the Board" }).click();
    await expect(staff).toHaveURL(/\/board\?done=recorded$/);
    await expect(staff.getByText("The Board is recorded.")).toBeVisible();
    const board = staff.getByRole("region", { name: "The Board in office" });
    await expect(board.getByText("Term of office: 15 March 2025 – 15 March 2028")).toBeVisible();
    await expect(board.getByRole("rowheader")).toHaveText(["Nino Beridze", "Giorgi Kapanadze", "Tamar Lomidze"]);
    await board.getByRole("link", { name: MEMBERS[0].name_en }).click();
    await expect(staff.getByRole("heading", { level: 1, name: MEMBERS[0].name_en })).toBeVisible();
    await staff.goBack();
    await keepScreenshot(staff, "first-month-7-board");
  });

  expect(errors.flat()).toEqual([]);
});

async function logIn(page: Page, [email, password]: [string, string]) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/account$/);
}

/** The items of the assembly's agenda, in order. */
function agenda(page: Page): Locator {
  return page.locator("ol.agenda > li");
}

function agendaItem(page: Page, title: string): Locator {
  return page.locator("ol.agenda").getByRole("listitem").filter({ hasText: title });
}

/** The page's notice after an action. */
function notice(page: Page, text: string): Locator {
  return page.locator(".notice").filter({ hasText: text });
}

/** A section of the page by its heading. */
function section(page: Page, heading: string): Locator {
  return page.locator("section").filter({ has: page.getByRole("heading", { name: heading, exact: true }) });
}

/** A day `days` from now at `hour`:00, as a datetime-local field takes it (Tbilisi time). */
function tbilisiLocal(days: number, hour: number): string {
  const day = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return `${day}T${String(hour).padStart(2, "0")}:00`;
}

/** A datetime-local value `days` later. */
function addDays(local: string, days: number): string {
  const moved = new Date(Date.parse(`${local}:00Z`) + days * 86_400_000);
  return moved.toISOString().slice(0, 16);
}

/** A Tbilisi time (UTC+4) as a calendar's UTC stamp, e.g. 20270312T070000Z. */
function utcStamp(local: string): string {
  const utc = new Date(Date.parse(`${local}:00+04:00`));
  return utc.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

/** A one-page PDF that says `text` (ASCII). */
function tinyPdf(text: string): Buffer {
  const content = `BT /F1 24 Tf 72 760 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}
