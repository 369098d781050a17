// Loads each URL in Chromium, waits until the page is idle, and sums the
// JavaScript, WebAssembly and CSS responses: raw bytes and brotli (quality 11).
import { chromium } from "@playwright/test";
import zlib from "node:zlib";

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const kinds = { js: /\.m?js$/, wasm: /\.wasm$/, css: /\.css$/ };
const rows = [];
for (const url of process.argv.slice(2)) {
  const page = await browser.newPage();
  const files = [];
  page.on("response", async (response) => {
    const path = new URL(response.url()).pathname;
    const kind = Object.keys(kinds).find((k) => kinds[k].test(path));
    if (kind) files.push({ kind, path, body: response.body().catch(() => Buffer.alloc(0)) });
  });
  await page.goto(url, { waitUntil: "networkidle" });
  const total = { raw: 0, br: 0 };
  const byKind = {};
  for (const f of files) {
    const body = await f.body;
    const br = zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    total.raw += body.length;
    total.br += br;
    byKind[f.kind] = (byKind[f.kind] ?? 0) + br;
  }
  rows.push({ url, files: files.map((f) => f.path).join(" "), ...total, byKind });
  await page.close();
}
await browser.close();

const kb = (n) => (n / 1024).toFixed(1).padStart(7) + " KB";
const base = rows[0];
console.log(`${"page".padEnd(32)} ${"raw".padStart(10)} ${"brotli".padStart(10)}   ratio   (brotli: js / wasm / css)`);
for (const r of rows) {
  const ratio = (r.br / base.br).toFixed(2);
  const parts = ["js", "wasm", "css"].map((k) => kb(r.byKind[k] ?? 0).trim()).join(" / ");
  console.log(`${r.url.padEnd(32)} ${kb(r.raw)} ${kb(r.br)}   ${ratio}×   (${parts})`);
}
for (const r of rows) console.log(`  ${r.url}: ${r.files}`);
