// `npm run demo`: a fresh Tollgate, then the seed guide played in Chromium
// (e2e/demo-steps.ts, the same steps e2e/panel-guide.spec.ts tests), recorded
// as a video with numbered screenshots in docs/guide/ — the README's pictures.
// DEMO_HEADED=1 plays it in a visible window at a human pace.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { register } from 'tsx/esm/api';
import { DEMO_ADMIN, startDemoServer } from './demo-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const headed = process.env.DEMO_HEADED === '1';
const out = path.join(root, 'docs', 'guide');
const scratch = mkdtempSync(path.join(tmpdir(), 'tollgate-demo-video-'));

if (headed && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('tollgate demo: DEMO_HEADED=1 needs a display (run it in a desktop session, or under xvfb-run)');
  process.exit(1);
}
let ffmpegPath = 'ffmpeg';
const video = withSystemFfmpeg(scratch);
if (!video) console.warn('[demo] no ffmpeg found (apt-get install ffmpeg): screenshots only, no video');

register();
const { chromium } = await import('@playwright/test');
const { CHROMIUM_ARGS, findBrowser } = await import('../e2e/find-browser.ts');
const { playGuide } = await import('../e2e/demo-steps.ts');

console.log('[demo] starting a fresh Tollgate…');
const server = await startDemoServer(root);
const started = Date.now();
let status = 0;
let recorded = null;
const browser = await chromium.launch({ executablePath: findBrowser(), args: CHROMIUM_ARGS, headless: !headed, slowMo: headed ? 150 : 0 });
try {
  mkdirSync(out, { recursive: true });
  const size = { width: 1280, height: 800 };
  const context = await browser.newContext({ baseURL: server.url, viewport: size, ...(video ? { recordVideo: { dir: scratch, size } } : {}) });
  const page = await context.newPage();
  const pace = headed ? 1500 : 700;

  // Signing in is part of the story: through the form, not the API.
  await page.goto('/signin');
  await page.getByLabel('Email').pressSequentially(DEMO_ADMIN.email, { delay: headed ? 60 : 20 });
  await page.getByLabel('Password').pressSequentially(DEMO_ADMIN.password, { delay: headed ? 60 : 10 });
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/apps$/);

  await playGuide({
    page,
    names: { app: 'hello-world-demo', readToken: 'team-a-reader', opToken: 'hello-operator' },
    pause: (ms = pace) => page.waitForTimeout(ms),
    typingDelay: headed ? 70 : 25,
    shot: async (target, name, fullPage = false) => {
      await target.screenshot({ path: path.join(out, `${name}.png`), fullPage });
      console.log(`[demo] ${name}`);
    },
    // One page for the whole video: the end user's visit plays in the same window.
    visitor: async () => page,
  });
  await page.waitForTimeout(pace * 2);
  const recording = page.video();
  await context.close();
  if (recording) {
    recorded = path.join(out, 'demo.webm');
    compress(await recording.path(), recorded);
  }
} catch (error) {
  console.error(`tollgate demo: ${error instanceof Error ? error.message : error}`);
  status = 1;
} finally {
  await browser.close();
  await server.stop();
  rmSync(scratch, { recursive: true, force: true });
}
if (status === 0) {
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`[demo] screenshots in ${path.relative(root, out)}/`);
  if (recorded) console.log(`[demo] video ${path.relative(root, recorded)} (${(statSync(recorded).size / 1e6).toFixed(1)} MB, ${duration(recorded) ?? `about ${seconds}`} s)`);
}
process.exit(status);

/**
 * Playwright writes VP8 at a fixed 1 Mbit/s (about 4 MB for this run); the
 * panel is mostly still, so VP9 at a constant quality keeps it sharp in a
 * fifth of that, small enough to keep in git. Falls back to the original.
 */
function compress(from, to) {
  const args = ['-loglevel', 'error', '-y', '-i', from, '-c:v', 'libvpx-vp9', '-b:v', '0', '-crf', '45', '-deadline', 'good', '-cpu-used', '5', '-row-mt', '1', '-an', to];
  if (spawnSync(ffmpegPath, args, { stdio: 'inherit' }).status !== 0) copyFileSync(from, to);
}

function duration(file) {
  const probe = spawnSync(ffmpegPath.replace(/ffmpeg$/, 'ffprobe'), ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], { encoding: 'utf8' });
  const seconds = Number(probe.stdout);
  return probe.status === 0 && seconds > 0 ? Math.round(seconds) : null;
}

/**
 * Playwright encodes its videos with an ffmpeg it downloads itself, which
 * cannot be fetched everywhere: point it at the system's ffmpeg instead, in a
 * browsers directory of our own (Chromium itself is passed by path).
 */
function withSystemFfmpeg(dir) {
  const system = ['/usr/bin/ffmpeg', '/usr/local/bin/ffmpeg'].find((candidate) => existsSync(candidate));
  if (!system) return false;
  ffmpegPath = system;
  const browsers = JSON.parse(readFileSync(path.join(root, 'node_modules', 'playwright-core', 'browsers.json'), 'utf8'));
  const { revision } = browsers.browsers.find((b) => b.name === 'ffmpeg');
  const target = path.join(dir, 'browsers', `ffmpeg-${revision}`);
  mkdirSync(target, { recursive: true });
  symlinkSync(system, path.join(target, 'ffmpeg-linux'));
  process.env.PLAYWRIGHT_BROWSERS_PATH = path.join(dir, 'browsers');
  return true;
}
