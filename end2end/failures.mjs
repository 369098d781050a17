// Prints each browser test that failed, with where and why, from the JSON
// report: the test run's own output is long, and a log read from its end
// should still say what went wrong. With `--names`, one line per failed
// test and nothing else (the summary's last lines).
import { readFileSync } from "node:fs";

const namesOnly = process.argv.includes("--names");
const file = process.argv.slice(2).find((a) => a !== "--names");
const report = JSON.parse(readFileSync(file, "utf8"));
const plain = (text) => String(text ?? "").replace(/\u001b\[[0-9;]*m/g, "");

function* specs(suite, path = []) {
  const here = suite.title ? [...path, suite.title] : path;
  for (const spec of suite.specs ?? []) yield [here, spec];
  for (const child of suite.suites ?? []) yield* specs(child, here);
}

/** The innermost step that failed, as "outer › inner". */
function failedStep(steps, path = []) {
  for (const step of steps ?? []) {
    if (step.error) return failedStep(step.steps, [...path, step.title]) ?? [...path, step.title].join(" › ");
  }
  return null;
}

let shown = 0;
for (const suite of report.suites ?? []) {
  for (const [, spec] of specs(suite)) {
    for (const test of spec.tests ?? []) {
      if (test.status !== "unexpected") continue;
      const last = test.results?.[test.results.length - 1] ?? {};
      const step = failedStep(last.steps);
      const name = `✘ ${spec.file}:${spec.line} › ${spec.title}${step ? ` (at step: ${step})` : ""}`;
      if (!namesOnly) {
        // The message first and the name last, next to the summary.
        for (const error of last.errors ?? []) {
          const lines = plain(error.message).split("\n").filter((l) => l.trim() !== "").slice(0, 10);
          for (const line of lines) console.log(`  ${line}`);
          if (error.location) console.log(`  (${error.location.file.replace(/.*\/tests\//, "tests/")}:${error.location.line})`);
        }
      }
      console.log(name);
      shown++;
    }
  }
}
if (shown === 0 && !namesOnly) console.log("no browser test failed");
