#!/usr/bin/env node
// node scripts/image-base.mjs [--force]
//
// Makes the base image Tollgate's Dockerfile builds on when no registry can be reached (CI, this
// machine): `docker build --build-arg BASE_IMAGE=<printed tag> .` instead of the official
// node:22-bookworm-slim. It holds what the Dockerfile's stages use, taken from this machine:
//   /usr/local/bin/node                  this machine's node, and the shared libraries it and the
//                                         native modules of node_modules (Next's SWC, lightningcss,
//                                         Tailwind's oxide) need (`next build` loads them)
//   /usr/local/lib/node_modules/npm      this machine's npm (`npm ci` in the build stages), with
//                                         /usr/local/bin/npm and npx wrappers
//   /bin/busybox and its applets         /bin/sh for RUN and npm scripts, cp, find, mkdir…, and
//                                         /usr/bin/env for the `#!/usr/bin/env node` of npm's bins
//   /etc/ssl/certs/ca-certificates.crt   the certificates this machine trusts, in NODE_EXTRA_CA_CERTS,
//                                         when it has such a bundle: npm in the build reaches the
//                                         registry the way the host's npm does (through a proxy that
//                                         re-signs TLS, on some networks)
// npm's own copy rather than dependencies installed on the host and copied in: the Dockerfile stays
// the one every user builds (npm ci inside, from the lockfile), and CI tests exactly that file.
//
// Built with scripts/image-rootfs.mjs (docker import, nothing pulled), then one `docker build` step
// that installs busybox's applet links. Both are skipped when their inputs did not change.
// Prints the tag. Needs `docker info` to answer, and busybox (apt-get install busybox-static).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importRootfs, sharedLibraries } from './image-rootfs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const BASE_TAG = `tollgate/node-npm-base:${process.versions.node}`;
const ROOTFS_TAG = `tollgate/node-npm-rootfs:${process.versions.node}`;

function npmDir() {
  const result = spawnSync('npm', ['root', '-g'], { encoding: 'utf8' });
  const dir = path.join(result.stdout.trim(), 'npm');
  if (result.status !== 0 || !fs.existsSync(path.join(dir, 'bin', 'npm-cli.js'))) throw new Error(`npm not found (npm root -g: ${result.stderr || result.stdout})`);
  return dir;
}

function busyboxPath() {
  const found = ['/bin/busybox', '/usr/bin/busybox'].find((p) => fs.existsSync(p));
  if (!found) throw new Error('busybox is missing: apt-get install -y busybox-static');
  return found;
}

/** The CA bundle this machine's node trusts beyond its own (NODE_EXTRA_CA_CERTS, else the system's), if any. */
function caBundle() {
  return [process.env.NODE_EXTRA_CA_CERTS, '/etc/ssl/certs/ca-certificates.crt'].find((file) => file && fs.existsSync(file)) ?? null;
}

/** Native addons under node_modules (loaded by `next build`): their libraries go into the base too. */
function nativeAddons(dir = path.join(root, 'node_modules'), found = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) nativeAddons(full, found);
    else if (entry.isFile() && entry.name.endsWith('.node')) found.push(full);
  }
  return found;
}

const wrapper = (script) => `#!/bin/sh\nexec /usr/local/bin/node /usr/local/lib/node_modules/npm/bin/${script} "$@"\n`;

function run(command, args, input) {
  const result = spawnSync(command, args, { encoding: 'utf8', input, env: { ...process.env, DOCKER_BUILDKIT: '0' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${(result.stderr || result.stdout || '').trim().slice(-2000)}`);
  return result.stdout;
}

/** Builds (or keeps) the base image; resolves with its tag. */
export async function buildBaseImage({ force = false } = {}) {
  const libraries = new Set();
  for (const addon of nativeAddons()) {
    // Only the system's libraries: an addon's own bundled ones (sharp's libvips) are not needed to build.
    for (const lib of sharedLibraries(addon)) if (!lib.includes('node_modules')) libraries.add(lib);
  }
  const ca = caBundle();
  await importRootfs({
    tag: ROOTFS_TAG,
    force,
    rootfs: {
      executables: [
        { from: process.execPath, to: '/usr/local/bin/node' },
        { from: busyboxPath(), to: '/bin/busybox' },
      ],
      dirs: [{ from: npmDir(), to: '/usr/local/lib/node_modules/npm' }],
      files: [
        ...[...libraries].map((lib) => ({ to: lib, from: lib, mode: 0o755 })),
        { to: '/usr/local/bin/npm', content: wrapper('npm-cli.js'), mode: 0o755 },
        { to: '/usr/local/bin/npx', content: wrapper('npx-cli.js'), mode: 0o755 },
        ...(ca ? [{ to: '/etc/ssl/certs/ca-certificates.crt', from: fs.realpathSync(ca), mode: 0o644 }] : []),
      ],
    },
    changes: [
      'ENV PATH=/usr/local/bin:/usr/bin:/bin',
      ...(ca ? ['ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt'] : []),
      'CMD ["node"]',
    ],
  });
  // Applet links (sh, cp, find, …) and /usr/bin/env: exec-form RUN, as there is no shell yet.
  const dockerfile = [
    `FROM ${ROOTFS_TAG}`,
    'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
    'RUN ["/bin/busybox", "mkdir", "-p", "/usr/bin", "/root"]',
    'RUN ["/bin/busybox", "ln", "-s", "/bin/busybox", "/usr/bin/env"]',
    '',
  ].join('\n');
  run('docker', ['build', ...(force ? ['--no-cache'] : []), '-q', '-t', BASE_TAG, '-'], dockerfile);
  return BASE_TAG;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  buildBaseImage({ force }).then(
    (tag) => console.log(tag),
    (error) => {
      console.error(`image-base: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
