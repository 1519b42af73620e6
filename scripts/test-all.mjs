// `npm test`: typecheck, lint, unit, build, integration, docker, swarm, e2e — in that order,
// stopping at the first failure. Runs against PGlite, or against PostgreSQL
// when DATABASE_URL is set (each suite makes its own fresh databases there).
//
// `npm test -- unit integration` runs only those steps; `npm test -- --skip docker`
// leaves one out, knowingly (the docker suite needs a Docker engine).
import { spawnSync } from 'node:child_process';

const steps = [
  ['typecheck', ['npm', 'run', '--silent', 'typecheck']],
  ['lint', ['npm', 'run', '--silent', 'lint']],
  ['unit', ['npx', 'vitest', 'run', '--project', 'unit']],
  // Integration, docker and e2e tests start real servers, so the panel is built first.
  ['build', ['npm', 'run', '--silent', 'build']],
  ['integration', ['npx', 'vitest', 'run', '--project', 'integration']],
  ['docker', ['npx', 'vitest', 'run', '--project', 'docker']],
  // The Swarm driver on a one-node swarm (its setup makes one if the engine is none).
  ['swarm', ['npx', 'vitest', 'run', '--project', 'swarm']],
  ['e2e', ['node', 'e2e/run.mjs']],
];

const args = process.argv.slice(2);
const skipAt = args.indexOf('--skip');
const skipped = new Set(skipAt === -1 ? [] : args.slice(skipAt + 1));
const only = (skipAt === -1 ? args : args.slice(0, skipAt)).filter((arg) => !arg.startsWith('--'));
const wanted = (name) => (only.length === 0 || only.includes(name)) && !skipped.has(name);

if ((wanted('docker') || wanted('swarm')) && spawnSync('docker', ['info'], { stdio: 'ignore' }).status !== 0) {
  console.error(
    '\n== the docker and swarm suites need a Docker engine, and `docker info` does not answer.\n' +
      '   Install it and start the daemon (as .ci/run does: apt-get install -y docker.io; dockerd &),\n' +
      '   or leave the suites out knowingly: npm test -- --skip docker swarm',
  );
  process.exit(1);
}

const database = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite';
console.log(`\n== Tollgate test suite on ${database}`);
if (skipped.size) console.log(`== skipped on request: ${[...skipped].join(', ')}`);
for (const [name, [cmd, ...cmdArgs]] of steps) {
  if (!wanted(name)) continue;
  console.log(`\n== ${name}: ${cmd} ${cmdArgs.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(cmd, cmdArgs, { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n== ${name} FAILED after ${seconds} s`);
    process.exit(1);
  }
  console.log(`== ${name} passed in ${seconds} s`);
}
console.log('\n== all steps passed');
