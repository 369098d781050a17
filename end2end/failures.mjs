// Prints each browser test that failed, with where and why, from the JSON
// report: the test run's own output is long, and a log read from its end
// should still say what went wrong.
import { readFileSync } from "node:fs";

const report = JSON.parse(readFileSync(process.argv[2], "utf8"));
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
      console.log(`✘ ${spec.file}:${spec.line} › ${spec.title}`);
      const step = failedStep(last.steps);
      if (step) console.log(`  at step: ${step}`);
      for (const error of last.errors ?? []) {
        const lines = plain(error.message).split("\n").filter((l) => l.trim() !== "").slice(0, 14);
        for (const line of lines) console.log(`  ${line}`);
        if (error.location) console.log(`  (${error.location.file.replace(/.*\/tests\//, "tests/")}:${error.location.line})`);
      }
      shown++;
    }
  }
}
if (shown === 0) console.log("no browser test failed");
