// Prints one row per Lighthouse report (JSON files named on the command
// line): the four category scores, the main timings, and under the table
// every audit that cost a category points.
import { readFileSync } from "node:fs";

const reports = process.argv.slice(2).map((file) => JSON.parse(readFileSync(file, "utf8")));
const score = (r, c) => Math.round((r.categories[c]?.score ?? 0) * 100);
const ms = (r, a) => Math.round(r.audits[a]?.numericValue ?? 0);
const rows = reports.map((r) => [
  new URL(r.finalDisplayedUrl ?? r.finalUrl).pathname + new URL(r.finalDisplayedUrl ?? r.finalUrl).search,
  score(r, "performance"),
  score(r, "accessibility"),
  score(r, "best-practices"),
  score(r, "seo"),
  ms(r, "first-contentful-paint"),
  ms(r, "largest-contentful-paint"),
  ms(r, "total-blocking-time"),
  (r.audits["cumulative-layout-shift"]?.numericValue ?? 0).toFixed(3),
]);
const head = ["page", "perf", "a11y", "best pr.", "SEO", "FCP ms", "LCP ms", "TBT ms", "CLS"];
console.log(`| ${head.join(" | ")} |`);
console.log(`|${head.map(() => "---").join("|")}|`);
for (const row of rows) console.log(`| ${row.join(" | ")} |`);

// What held each category below 100, once per audit.
const lost = new Map();
for (const r of reports) {
  const page = new URL(r.finalDisplayedUrl ?? r.finalUrl).pathname;
  for (const [id, category] of Object.entries(r.categories)) {
    for (const ref of category.auditRefs) {
      const audit = r.audits[ref.id];
      if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
        const key = `${id}: ${ref.id} (${audit.title})`;
        if (!lost.has(key)) lost.set(key, []);
        lost.get(key).push(`${page} ${audit.displayValue ?? Math.round(audit.score * 100)}`);
      }
    }
  }
}
if (lost.size) {
  console.log("\nAudits below full marks:");
  for (const [key, pages] of lost) console.log(`- ${key}: ${pages.join("; ")}`);
}
