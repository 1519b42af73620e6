#!/usr/bin/env node
// npm run images:build [-- --force] [-- <tag>...]
//
// Builds the local Docker images Tollgate's docker driver and its tests run, without pulling
// anything (no registry is reachable on build and CI machines):
//   tollgate/node-base:<node version>
//     this machine's node binary and its shared libraries, as /usr/bin/node. Shared by:
//   infrastructureascode/hello-world:latest, tollgate/echo:latest, tollgate/stream:latest
//     the built-in demo images: node-base plus the image scripts of lib/runtime/images (and the
//     `ws` package stream.mjs imports) under /app, in one thin layer each.
//   tollgate-test/busybox-httpd:latest
//     not node-based, to show the driver runs any image: Debian's busybox-static serving /www.
// Every image listens on 0.0.0.0:8080 and runs as user 65534 (nobody).
//
// Idempotent: an image whose tag exists with the same inputs (see scripts/image-rootfs.mjs) is kept;
// --force rebuilds it anyway. With tags as arguments only those (and the base they need) are built.
// Images a rebuild left untagged are pruned. Needs a Docker engine
// (`docker info`) and, for busybox-httpd, /bin/busybox: installed with apt-get when missing and
// running as root. Prints what it built and each image's size.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addLayer, importRootfs, layerBytes, pruneReplaced } from './image-rootfs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const imagesDir = path.join(root, 'lib', 'runtime', 'images');
const wsDir = path.join(root, 'node_modules', 'ws');

const NODE_BASE = `tollgate/node-base:${process.versions.node}`;

const BASES = {
  [NODE_BASE]: () => ({
    rootfs: { executables: [{ from: process.execPath, to: '/usr/bin/node' }] },
    changes: ['ENV PATH=/usr/bin:/bin'],
  }),
};

const nodeImage = (script) => ({
  base: NODE_BASE,
  files: {
    files: [
      ...['run-server.mjs', script].map((name) => ({ to: `/app/${name}`, from: path.join(imagesDir, name) })),
      // stream.mjs imports `ws`: Node resolves it from /app/node_modules. Only what ws publishes.
      ...(script === 'stream.mjs' ? wsFiles() : []),
    ],
  },
  changes: ['ENV PORT=8080', 'ENV HOST=0.0.0.0', 'EXPOSE 8080', 'USER 65534', `CMD ["/usr/bin/node","/app/${script}"]`],
});

function wsFiles() {
  const files = ['package.json', 'index.js', 'wrapper.mjs', ...fs.readdirSync(path.join(wsDir, 'lib')).filter((f) => f.endsWith('.js')).map((f) => `lib/${f}`)];
  return files.map((rel) => ({ to: `/app/node_modules/ws/${rel}`, from: path.join(wsDir, rel) }));
}

const INDEX_HTML = `<!doctype html>
<title>busybox httpd</title>
<h1>Served by busybox httpd in a Tollgate test image</h1>
`;

const IMAGES = {
  'infrastructureascode/hello-world:latest': { base: NODE_BASE, make: () => nodeImage('hello-world.mjs') },
  'tollgate/echo:latest': { base: NODE_BASE, make: () => nodeImage('echo.mjs') },
  'tollgate/stream:latest': { base: NODE_BASE, make: () => nodeImage('stream.mjs') },
  'tollgate-test/busybox-httpd:latest': {
    make: () => ({
      rootfs: {
        executables: [{ from: busyboxPath(), to: '/bin/busybox' }],
        files: [{ to: '/www/index.html', content: INDEX_HTML }],
      },
      // -f: foreground, so the container lives as long as httpd; -v: one log line per request.
      changes: ['EXPOSE 8080', 'USER 65534', 'CMD ["/bin/busybox","httpd","-f","-v","-p","8080","-h","/www"]'],
    }),
  },
};

class Missing extends Error {}

function busyboxPath() {
  const found = ['/bin/busybox', '/usr/bin/busybox'].find((p) => fs.existsSync(p));
  if (found) return found;
  if (process.getuid?.() !== 0) throw new Missing('busybox is missing: run `apt-get install -y busybox-static` as root');
  console.log('installing busybox-static with apt-get');
  const install = () => spawnSync('apt-get', ['install', '-y', '-q', 'busybox-static'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  // A fresh machine has no package lists yet: update once, then try again.
  if (!install() && !(spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit' }).status === 0 && install())) {
    throw new Missing('apt-get install busybox-static failed');
  }
  return busyboxPath();
}

function mib(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

async function main() {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--force');
  const wanted = args.filter((a) => !a.startsWith('-'));
  const bad = wanted.filter((tag) => !Object.hasOwn(IMAGES, tag));
  if (unknown.length > 0 || bad.length > 0) {
    console.error(`usage: images-build.mjs [--force] [${Object.keys(IMAGES).join(' | ')}]...`);
    process.exit(2);
  }
  const docker = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' });
  if (docker.status !== 0) {
    console.error(`images-build: no Docker engine answers: ${(docker.stderr || docker.error?.message || '').trim()}`);
    process.exit(1);
  }

  const tags = wanted.length > 0 ? wanted : Object.keys(IMAGES);
  let failed = false;
  const build = async (tag, make) => {
    const started = Date.now();
    try {
      const image = make();
      const result = image.base ? await addLayer({ tag, ...image, force }) : await importRootfs({ tag, ...image, force });
      const verb = result.built ? `built (${result.reason}) in ${((Date.now() - started) / 1000).toFixed(1)} s` : 'kept (up to date)';
      const own = image.base ? `  (${(layerBytes(tag, image.base) / 1024).toFixed(1)} KiB over ${image.base})` : '';
      console.log(`${tag.padEnd(42)} ${mib(result.sizeBytes).padStart(10)}  ${verb}${own}`);
      return true;
    } catch (error) {
      failed = true;
      console.error(`${tag}: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  };
  const bases = new Set(tags.map((tag) => IMAGES[tag].base).filter(Boolean));
  const basesBuilt = new Set();
  for (const base of bases) if (await build(base, BASES[base])) basesBuilt.add(base);
  for (const tag of tags) {
    const base = IMAGES[tag].base;
    if (base && !basesBuilt.has(base)) continue; // already reported
    await build(tag, IMAGES[tag].make);
  }
  pruneReplaced();
  if (failed) process.exit(1);
}

await main();
