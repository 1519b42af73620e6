// `npm start`: validate the configuration, build the panel if there is no
// build yet, then run server.ts in this same process (signals reach it).
import { existsSync } from 'node:fs';
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

if (!existsSync(path.join(root, '.next', 'BUILD_ID')) || !existsSync(path.join(root, 'lib', 'db', 'generated', 'client.ts'))) {
  console.log('[tollgate] no build yet: building the panel (once)…');
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
