// `npm start`: validate the configuration, build the panel if there is no
// build yet or the sources changed since it (a `git pull`), then run
// server.ts in this same process (signals reach it).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
register();

const { getConfig, ConfigError } = await import('../lib/config/config.ts');
try {
  getConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`tollgate: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

// An image ships its build without the sources it was made from: nothing to compare.
const stale = process.env.TOLLGATE_PREBUILT === '1' ? null : (await import('./build-stamp.mjs')).staleBuild();
if (stale) {
  console.log(`[tollgate] ${stale}: building the panel…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const built = spawnSync(npm, ['run', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) {
    console.error('tollgate: the build failed (see above)');
    process.exit(1);
  }
}

process.env.NODE_ENV = 'production';
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
await import('../server.ts');
