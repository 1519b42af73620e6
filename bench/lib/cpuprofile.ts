// Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by area, optionally
// only for samples inside given windows of the monotonic clock (process.hrtime, in µs).
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Window {
  startUs: number;
  endUs: number;
}

function area(url: string, name: string): string {
  if (name === '(garbage collector)') return 'GC';
  if (name === '(idle)') return 'idle';
  if (name === '(program)') return 'V8/native (program)';
  if (url.startsWith('node:')) {
    const mod = url.slice(5).split('/')[1] ?? url.slice(5);
    return `node:${/^_http|^http/.test(mod) ? 'http' : /^net|stream|^streams/.test(mod) ? mod.replace(/\.js$/, '') : 'internal'}`;
  }
  if (url.includes('/node_modules/next/')) return 'next';
  if (url.includes('/node_modules/')) return 'node_modules: ' + url.split('/node_modules/').pop()!.split('/').slice(0, url.includes('/@') ? 2 : 1).join('/');
  const lib = /\/(lib\/[^/]+)\//.exec(url);
  if (lib) return lib[1]!;
  if (!url) return `native: ${name || '(anonymous)'}`;
  return url.split('/').slice(-2).join('/');
}

export function summarizeProfile(path: string, windows: Window[] = [], top = 25): string {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfByFn = new Map<string, number>();
  const selfByArea = new Map<string, number>();
  let total = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (windows.length && !windows.some((w) => t >= w.startUs && t <= w.endUs)) continue;
    const node = byId.get(profile.samples[i]!);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const raw = functionName || '(anonymous)';
    const name = raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
    const key = `${name}  ${url ? `${url.replace(/^file:\/\/.*?\/(lib|node_modules|bench)\//, '$1/')}:${lineNumber + 1}` : ''}`;
    selfByFn.set(key, (selfByFn.get(key) ?? 0) + 1);
    const a = area(url, name.startsWith('RegExp: ') ? 'RegExp' : name);
    selfByArea.set(a, (selfByArea.get(a) ?? 0) + 1);
    total++;
  }
  const lines: string[] = [];
  const pct = (n: number) => `${((n / Math.max(total, 1)) * 100).toFixed(1).padStart(5)}%`;
  lines.push(`samples: ${total}${windows.length ? " (inside this target's timed runs)" : ""}`);
  lines.push('self time by area:');
  for (const [a, n] of [...selfByArea].sort((x, y) => y[1] - x[1]).slice(0, 15)) lines.push(`  ${pct(n)}  ${a}`);
  lines.push(`top ${top} functions by self time:`);
  for (const [k, n] of [...selfByFn].sort((x, y) => y[1] - x[1]).slice(0, top)) lines.push(`  ${pct(n)}  ${k}`);
  return lines.join('\n');
}

/**
 * Keeps the profile a process wrote into `dir` when it exited: the main thread's, the first by name
 * (tsx's loader thread writes another), copied to the OS temp dir as tollgate-bench-<name>-<time>.cpuprofile.
 * Its path, or null when none was written.
 */
export function keepProfile(dir: string, name: string): string | null {
  const file = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort()[0] : undefined;
  if (!file) return null;
  const kept = join(tmpdir(), `tollgate-bench-${name}-${Date.now()}.cpuprofile`);
  copyFileSync(join(dir, file), kept);
  return kept;
}
