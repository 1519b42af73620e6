// Prints the axe counts per page state from the last e2e run (e2e/a11y.ts writes them).
import { existsSync, readFileSync } from 'node:fs';

const file = process.env.TOLLGATE_A11Y_REPORT ?? 'e2e/screenshots/a11y.jsonl';
if (!existsSync(file)) {
  console.log(`no ${file}: run the e2e suite first`);
  process.exit(0);
}
const states = new Map();
for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
  const { state, count } = JSON.parse(line);
  const entry = states.get(state) ?? { scans: 0, violations: 0 };
  entry.scans += 1;
  entry.violations += count;
  states.set(state, entry);
}
const width = Math.max(...[...states.keys()].map((s) => s.length));
for (const [state, { scans, violations }] of [...states].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(`${state.padEnd(width)}  ${String(violations).padStart(3)} violations in ${scans} scan${scans === 1 ? '' : 's'}`);
}
const total = [...states.values()].reduce((sum, s) => sum + s.violations, 0);
console.log(`${states.size} page states, ${total} violations`);
