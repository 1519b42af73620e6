// The build stamp: a hash of the sources `next build` compiles, written into
// .next after a build and compared by `npm start`, so a start after `git pull`
// rebuilds instead of serving the old panel. Contents, not mtimes: a checkout
// touches every file it writes, and a copy may keep old mtimes.
//
//   node scripts/build-stamp.mjs write   (the last step of `npm run build`)
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = path.join(root, '.next', 'TOLLGATE_SOURCES');

// What the panel's build depends on. Tests and the generated Prisma client
// (rebuilt from prisma/schema.prisma, which is listed) are left out.
const DIRS = ['app', 'components', 'lib', 'public'];
const FILES = ['next.config.mjs', 'postcss.config.mjs', 'tsconfig.json', 'package-lock.json', 'prisma/schema.prisma'];
const SKIP = /(^|\/)(node_modules|generated)(\/|$)|\.test\.tsx?$/;

function walk(dir, out) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const rel = path.relative(root, full);
    if (SKIP.test(rel)) continue;
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

/** The hash of every build input's path and contents, in a fixed order. */
export function sourceStamp() {
  const files = [...DIRS.flatMap((dir) => walk(path.join(root, dir), [])), ...FILES.filter((file) => existsSync(path.join(root, file)))].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file.split(path.sep).join('/')).update('\0');
    hash.update(readFileSync(path.join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

/** Why the build cannot be served as it is, or null when it matches the sources. */
export function staleBuild() {
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) return 'no build yet';
  if (!existsSync(path.join(root, 'lib', 'db', 'generated', 'client.ts'))) return 'no Prisma client yet';
  if (!existsSync(STAMP)) return 'the build has no source stamp';
  return readFileSync(STAMP, 'utf8').trim() === sourceStamp() ? null : 'the sources changed since the last build';
}

export function writeStamp() {
  writeFileSync(STAMP, `${sourceStamp()}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'write') writeStamp();
