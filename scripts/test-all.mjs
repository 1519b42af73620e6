// `npm test`: typecheck, lint, unit, build, integration, e2e — in that order,
// stopping at the first failure. Runs against PGlite, or against PostgreSQL
// when DATABASE_URL is set (each suite makes its own fresh databases there).
import { spawnSync } from 'node:child_process';

const steps = [
  ['typecheck', ['npm', 'run', '--silent', 'typecheck']],
  ['lint', ['npm', 'run', '--silent', 'lint']],
  ['unit', ['npx', 'vitest', 'run', '--project', 'unit']],
  // Integration tests start real servers, so the panel is built first.
  ['build', ['npm', 'run', '--silent', 'build']],
  ['integration', ['npx', 'vitest', 'run', '--project', 'integration']],
  ['e2e', ['node', 'e2e/run.mjs']],
];

const only = process.argv.slice(2);
const database = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite';
console.log(`\n== Tollgate test suite on ${database}`);
for (const [name, [cmd, ...args]] of steps) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n== ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n== ${name} FAILED after ${seconds} s`);
    process.exit(1);
  }
  console.log(`== ${name} passed in ${seconds} s`);
}
console.log('\n== all steps passed');
