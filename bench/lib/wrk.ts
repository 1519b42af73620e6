// Runs wrk against 127.0.0.1 and reads its report.
import { spawn, type ChildProcess } from 'node:child_process';

export interface WrkOptions {
  /** Must be http://127.0.0.1:<port>/… */
  url: string;
  headers: Record<string, string>;
  threads: number;
  connections: number;
  durationS: number;
  /** A Lua script (path) — used for the status-checking warm-up. */
  script?: string;
}

export interface WrkResult {
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx3xx: number;
  socketErrors: number;
  /** From the Lua status check, when a script ran: responses whose status was not 200. */
  non200?: number;
  checked?: number;
  raw: string;
}

export function wrkArgs(options: WrkOptions): string[] {
  const args = [`-t${options.threads}`, `-c${options.connections}`, `-d${options.durationS}s`, '--latency', '--timeout', '5s'];
  for (const [name, value] of Object.entries(options.headers)) args.push('-H', `${name}: ${value}`);
  if (options.script) args.push('-s', options.script);
  args.push(options.url);
  return args;
}

const running = new Set<ChildProcess>();

/** Stops any wrk still running (cleanup on error or Ctrl-C). */
export function stopWrk(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

export async function runWrk(options: WrkOptions): Promise<WrkResult> {
  const target = new URL(options.url);
  if (target.hostname !== '127.0.0.1') throw new Error(`wrk may only target 127.0.0.1, not ${target.hostname}`);
  const child = spawn('wrk', wrkArgs(options), { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const chunks: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => chunks.push(d));
  child.stderr.on('data', (d: Buffer) => chunks.push(d));
  const killer = setTimeout(() => child.kill('SIGKILL'), (options.durationS + 20) * 1000);
  const code = await new Promise<number | null>((resolve) => {
    child.once('exit', (c) => resolve(c));
    child.once('error', () => resolve(-1));
  });
  clearTimeout(killer);
  running.delete(child);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (code !== 0) throw new Error(`wrk exited with ${code}:\n${raw}`);
  return parseWrk(raw);
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function toMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!match) return NaN;
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

export function parseWrk(raw: string): WrkResult {
  const num = (re: RegExp) => {
    const m = re.exec(raw);
    return m ? Number(m[1]) : NaN;
  };
  const pct = (p: string) => {
    const m = new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(raw);
    return m ? toMs(m[1]!) : NaN;
  };
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(raw);
  const status = /STATUS non200=(\d+) total=(\d+)/.exec(raw);
  return {
    requests: num(/(\d+) requests in/),
    reqPerSec: num(/Requests\/sec:\s+([\d.]+)/),
    p50Ms: pct('50'),
    p99Ms: pct('99'),
    non2xx3xx: raw.includes('Non-2xx or 3xx responses') ? num(/Non-2xx or 3xx responses:\s+(\d+)/) : 0,
    socketErrors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
    non200: status ? Number(status[1]) : undefined,
    checked: status ? Number(status[2]) : undefined,
    raw,
  };
}

/** A wrk script counting responses whose status is not exactly 200 (costs wrk some CPU: warm-ups only). */
export const STATUS_CHECK_LUA = `
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non200 = 0; total = 0 end
function response(status, headers, body)
  total = total + 1
  if status ~= 200 then non200 = non200 + 1 end
end
function done(summary, latency, requests)
  local bad, all = 0, 0
  for _, t in ipairs(threads) do bad = bad + t:get("non200"); all = all + t:get("total") end
  io.write(string.format("STATUS non200=%d total=%d\\n", bad, all))
end
`;

/** Throws unless every request of the run succeeded (and, with the status check, answered exactly 200). */
export function assertAllOk(label: string, result: WrkResult, phase: string): void {
  const problems: string[] = [];
  if (!(result.requests > 0)) problems.push('no requests completed');
  if (result.non2xx3xx > 0) problems.push(`${result.non2xx3xx} non-2xx/3xx responses`);
  if (result.socketErrors > 0) problems.push(`${result.socketErrors} socket errors`);
  if (result.non200 !== undefined && result.non200 > 0) problems.push(`${result.non200} of ${result.checked} responses were not 200`);
  if (result.checked !== undefined && result.checked === 0) problems.push('status check saw no responses');
  if (problems.length) throw new Error(`${label} (${phase}): ${problems.join(', ')}\n${result.raw}`);
}
