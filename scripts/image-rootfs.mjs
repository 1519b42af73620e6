// Builds a Docker image from files of this machine, pulling nothing: stage a minimal root filesystem
// (executables, the shared libraries and dynamic loader `ldd` names for them, extra files), tar it
// and `docker import` it. No registry is reachable on Tollgate's build and CI machines, so every
// base image (the demo images, later Tollgate's own) is made this way instead of `FROM debian`.
//
// `addLayer` puts files on top of such an image (docker create + cp + commit): images that share a
// base (node and its libraries, 100 MB) share its layer on disk, and a rebuild copies only the files.
//
// Each image carries the label `tollgate.rootfs-hash`, a hash of everything that went in (paths,
// modes, contents, image config): `importRootfs` skips an image whose tag already has that hash, and
// rebuilds one whose inputs changed (an edited script must not leave a stale image behind).

import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const HASH_LABEL = 'tollgate.rootfs-hash';

/** Absolute paths of the shared libraries and loader `executable` needs; [] for a static binary. */
export function sharedLibraries(executable) {
  const result = spawnSync('ldd', [executable], { encoding: 'utf8' });
  const out = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (/not a dynamic executable|statically linked/.test(out)) return [];
  if (result.status !== 0) throw new Error(`ldd ${executable} failed: ${out.trim()}`);
  const libs = [];
  for (const line of out.split('\n')) {
    // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)" or "/lib64/ld-linux-x86-64.so.2 (0x…)";
    // linux-vdso has no file: the kernel maps it.
    const match = /=>\s*(\/\S+)/.exec(line) ?? /^\s*(\/\S+)\s+\(/.exec(line);
    if (match?.[1]) libs.push(match[1]);
  }
  return libs;
}

/**
 * Entries for `spec`: each executable at its own path plus its libraries at the paths `ldd`
 * printed (the loader finds them there without an ld.so.cache), the files of `dirs`, and `files`.
 * @typedef {{ executables?: Array<{ from: string, to?: string }>, files?: Array<{ to: string, from?: string, content?: string, mode?: number }>, dirs?: Array<{ from: string, to: string }> }} FilesSpec
 * @param {FilesSpec} spec
 */
export function fileEntries(spec) {
  const entries = new Map();
  const add = (entry) => entries.set(entry.to, entry);
  for (const exe of spec.executables ?? []) {
    add({ to: exe.to ?? exe.from, from: exe.from, mode: 0o755 });
    for (const lib of sharedLibraries(exe.from)) add({ to: lib, from: lib, mode: 0o755 });
  }
  for (const dir of spec.dirs ?? []) {
    for (const rel of fs.readdirSync(dir.from, { recursive: true })) {
      const src = path.join(dir.from, String(rel));
      if (fs.statSync(src).isFile()) add({ to: path.posix.join(dir.to, String(rel).split(path.sep).join('/')), from: src, mode: 0o644 });
    }
  }
  for (const file of spec.files ?? []) add({ mode: 0o644, ...file });
  return [...entries.values()].sort((a, b) => a.to.localeCompare(b.to));
}

/**
 * A whole root filesystem: `fileEntries(spec)` plus `/etc/passwd` and `/etc/group` naming root and
 * nobody (65534, the user images run as; some programs look their user up); `stage` adds `/tmp`.
 * @param {FilesSpec} spec
 */
export function rootfsEntries(spec) {
  return [
    { to: '/etc/group', content: 'root:x:0:\nnogroup:x:65534:\n', mode: 0o644 },
    { to: '/etc/passwd', content: 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n', mode: 0o644 },
    ...fileEntries(spec),
  ];
}

const fileHashes = new Map();
function contentHash(entry) {
  if (entry.content !== undefined) return createHash('sha256').update(entry.content).digest('hex');
  // fs.realpathSync: the same file reached through two symlinks is read once.
  const real = fs.realpathSync(entry.from);
  if (!fileHashes.has(real)) fileHashes.set(real, createHash('sha256').update(fs.readFileSync(real)).digest('hex'));
  return fileHashes.get(real);
}

function inputsHash(entries, changes) {
  const hash = createHash('sha256');
  for (const entry of entries) hash.update(`${entry.to}\0${entry.mode.toString(8)}\0${contentHash(entry)}\n`);
  for (const change of changes) hash.update(`${change}\n`);
  return hash.digest('hex').slice(0, 32);
}

/** `format` of `docker image inspect` for `tag`, or null when there is no such image. */
function inspectImage(tag, format) {
  const result = spawnSync('docker', ['image', 'inspect', '--format', format, tag], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** The hash label of `tag`, '' when the image has none, null when there is no such image. */
function existingHash(tag) {
  const value = inspectImage(tag, `{{ index .Config.Labels "${HASH_LABEL}" }}`);
  return value === '<no value>' ? '' : value;
}

/** Copies the entries into `dir` with the modes an unprivileged user needs to read and run them. */
function stage(dir, entries, { tmp }) {
  fs.chmodSync(dir, 0o755); // becomes the image's "/": mkdtemp's 0700 would lock nobody out
  if (tmp) {
    fs.mkdirSync(path.join(dir, 'tmp'), { mode: 0o1777 });
    fs.chmodSync(path.join(dir, 'tmp'), 0o1777);
  }
  for (const entry of entries) {
    const target = path.join(dir, entry.to);
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
    // copyFileSync follows symlinks: libc.so.6 lands as a file under its soname, which is all the loader looks for.
    if (entry.content !== undefined) fs.writeFileSync(target, entry.content);
    else fs.copyFileSync(entry.from, target);
    fs.chmodSync(target, entry.mode);
  }
}

function run(command, args, input) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    if (input) input.pipe(child.stdin);
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`${command} ${args[0]} failed (${code}): ${err.trim()}`))));
  });
}

const changeFlags = (changes, hash) => [...changes, `LABEL ${HASH_LABEL}=${hash}`].flatMap((change) => ['--change', change]);

/** Stages `entries` in a temporary directory for `build(dir)`, and reports the way the CLI prints it. */
async function buildIfChanged({ tag, entries, hashInputs, force, tmp }, build) {
  const hash = inputsHash(entries, hashInputs);
  const existing = existingHash(tag);
  if (!force && existing === hash) return { tag, built: false, reason: 'up to date', sizeBytes: imageSize(tag) };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-rootfs-'));
  try {
    stage(dir, entries, { tmp });
    await build(dir, hash);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const reason = force ? 'forced' : existing === null ? 'new' : 'inputs changed';
  return { tag, built: true, reason, sizeBytes: imageSize(tag) };
}

/** Bytes `tag` adds to `base` (Docker's Size counts the base's layers too). */
export function layerBytes(tag, base) {
  return imageSize(tag) - imageSize(base);
}

/**
 * Builds `tag` from a whole root filesystem unless an image with the same inputs exists (or `force`).
 * `changes` are Dockerfile instructions for `docker import --change` (ENV, EXPOSE, USER, CMD, ...).
 * Resolves with { tag, built, reason, sizeBytes }.
 * @param {{ tag: string, rootfs: FilesSpec, changes: string[], force?: boolean }} options
 */
export function importRootfs({ tag, rootfs, changes, force = false }) {
  const entries = rootfsEntries(rootfs);
  return buildIfChanged({ tag, entries, hashInputs: changes, force, tmp: true }, async (dir, hash) => {
    const tar = spawn('tar', ['-C', dir, '--numeric-owner', '--owner=0', '--group=0', '-cf', '-', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const tarDone = new Promise((resolve, reject) => tar.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`tar failed (${code})`)))));
    await Promise.all([run('docker', ['import', ...changeFlags(changes, hash), '-', tag], tar.stdout), tarDone]);
  });
}

/**
 * Builds `tag` as `base` plus `files` (one thin layer) unless an image with the same inputs exists.
 * `changes` apply on top of the base's config (`docker commit --change`).
 * @param {{ tag: string, base: string, files: FilesSpec, changes: string[], force?: boolean }} options
 */
export function addLayer({ tag, base, files, changes, force = false }) {
  const baseId = inspectImage(base, '{{.Id}}');
  if (!baseId) throw new Error(`base image ${base} is missing`);
  const entries = fileEntries(files);
  return buildIfChanged({ tag, entries, hashInputs: [`FROM ${baseId}`, ...changes], force, tmp: false }, async (dir, hash) => {
    // Created, never started: the command only satisfies `docker create` (the base has no CMD), and
    // is what `docker history` shows as the layer's origin; `changes` must set the image's CMD.
    const container = await run('docker', ['create', base, `(files added by scripts/image-rootfs.mjs addLayer)`]);
    try {
      await run('docker', ['cp', `${dir}/.`, `${container}:/`]);
      await run('docker', ['commit', ...changeFlags(changes, hash), container, tag]);
    } finally {
      await run('docker', ['rm', container]).catch(() => {});
    }
  });
}

/** Deletes the images earlier builds left untagged (only ours: they carry the hash label). */
export function pruneReplaced() {
  spawnSync('docker', ['image', 'prune', '--force', '--filter', `label=${HASH_LABEL}`], { stdio: 'ignore' });
}

function imageSize(tag) {
  return Number(inspectImage(tag, '{{.Size}}')) || 0;
}
