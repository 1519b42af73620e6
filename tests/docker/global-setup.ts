import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Builds the test images once per run; the script skips images whose inputs did not change. */
export default function setup(): void {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'images-build.mjs')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run images:build failed (exit ${result.status}): the docker tests need a Docker engine`);
}
