#!/usr/bin/env node
// npm run images:build [-- --force] [-- <tag>...]
//
// Builds the local Docker images Tollgate's docker driver and its tests run, without pulling
// anything (no registry is reachable on build and CI machines):
//   infrastructureascode/hello-world:latest, tollgate/echo:latest, tollgate/stream:latest
//     the built-in demo images: this machine's node binary and its shared libraries, plus the image
//     scripts of lib/runtime/images (and the `ws` package stream.mjs imports) under /app.
//   tollgate-test/busybox-httpd:latest
//     not node-based, to show the driver runs any image: Debian's busybox-static serving /www.
// Every image listens on 0.0.0.0:8080 and runs as user 65534 (nobody).
//
// Idempotent: an image whose tag exists with the same inputs (see scripts/image-rootfs.mjs) is kept;
// --force rebuilds it anyway. With tags as arguments only those are built. Needs a Docker engine
// (`docker info`) and, for busybox-httpd, /bin/busybox: installed with apt-get when missing and
// running as root. Prints what it built and each image's size.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importRootfs } from './image-rootfs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const imagesDir = path.join(root, 'lib', 'runtime', 'images');
const wsDir = path.join(root, 'node_modules', 'ws');

const nodeImage = (script) => ({
  rootfs: {
    executables: [{ from: process.execPath, to: '/usr/bin/node' }],
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
  'infrastructureascode/hello-world:latest': () => nodeImage('hello-world.mjs'),
  'tollgate/echo:latest': () => nodeImage('echo.mjs'),
  'tollgate/stream:latest': () => nodeImage('stream.mjs'),
  'tollgate-test/busybox-httpd:latest': () => ({
    rootfs: {
      executables: [{ from: busyboxPath(), to: '/bin/busybox' }],
      files: [{ to: '/www/index.html', content: INDEX_HTML }],
    },
    // -f: foreground, so the container lives as long as httpd; -v: one log line per request.
    changes: ['EXPOSE 8080', 'USER 65534', 'CMD ["/bin/busybox","httpd","-f","-v","-p","8080","-h","/www"]'],
  }),
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

  let failed = false;
  for (const tag of wanted.length > 0 ? wanted : Object.keys(IMAGES)) {
    const started = Date.now();
    try {
      const image = IMAGES[tag]();
      const result = await importRootfs({ tag, ...image, force });
      const verb = result.built ? `built (${result.reason}) in ${((Date.now() - started) / 1000).toFixed(1)} s` : 'kept (up to date)';
      console.log(`${tag.padEnd(42)} ${mib(result.sizeBytes).padStart(10)}  ${verb}`);
    } catch (error) {
      failed = true;
      console.error(`${tag}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (failed) process.exit(1);
}

await main();
