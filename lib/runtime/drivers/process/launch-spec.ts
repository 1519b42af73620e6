import path from 'node:path';
import { IMAGE_SCRIPTS, defaultImagesDir, imageScriptPath } from '../../images/image-scripts.ts';
import { RuntimeError, type RunSpec } from '../runtime-driver.ts';
import { checkSpec as checkRunSpec } from '../shared/check-spec.ts';
import { LOOPBACK } from './free-port.ts';

export interface ImageOptions {
  /** Directory holding the built-in image scripts (default: `<cwd>/lib/runtime/images`). */
  imagesDir?: string;
  /** Extra images, name → absolute script path (tests); they take precedence over the built-in ones. */
  extraImages?: Readonly<Record<string, string>>;
}

/** How to start one child of a replica; only the port differs between children. */
export interface Launch {
  file: string;
  args: string[];
  cwd: string;
  /** Everything but PORT and HOST, which `childEnv` adds per child. */
  env: Record<string, string>;
}

/**
 * Loaded into every child before its own code: once the IPC channel closes (the server is gone,
 * even SIGKILLed, when nothing could stop the children) the child gets a second to finish and exits.
 * The built-in images do this themselves; the preload covers `command` apps and fixtures.
 */
export const EXIT_WITH_SERVER_PRELOAD = 'exit-with-server.cjs';

/** Every driver's checks, and environment names and values a child process can be given. */
export function checkSpec(spec: RunSpec): void {
  checkRunSpec(spec);
  for (const { name, value } of spec.env) {
    if (!/^[^=\0]+$/.test(name) || value.includes('\0')) throw new RuntimeError(`invalid environment variable ${JSON.stringify(name)}`);
  }
}

function scriptFor(image: string, options: ImageOptions): string | null {
  const extra = options.extraImages ?? {};
  // `name:latest` is what Docker would run for `name`: accepted for the same built-in image.
  for (const name of image.endsWith(':latest') ? [image, image.slice(0, -':latest'.length)] : [image]) {
    if (Object.hasOwn(extra, name)) return extra[name] ?? null;
    const script = imageScriptPath(name, options.imagesDir);
    if (script) return script;
  }
  return null;
}

/**
 * What a replica of `spec` runs: `node <image script>`, or the spec's `node …` command. Rejects
 * what this runtime cannot run with a RuntimeError the operator can act on.
 *
 * `resources` are not enforced: children share the server's CPU and memory. memoryMiB only caps
 * the V8 heap (`--max-old-space-size`), a soft limit: buffers and native memory are beyond it, and
 * an app over it aborts with "JavaScript heap out of memory" rather than being OOM-killed.
 */
export function resolveLaunch(spec: RunSpec, options: ImageOptions): Launch {
  const script = scriptFor(spec.image, options);
  if (!script) {
    const known = [...Object.keys(options.extraImages ?? {}), ...Object.keys(IMAGE_SCRIPTS)];
    throw new RuntimeError(`unknown image "${spec.image}": the process runtime runs only its built-in images: ${known.join(', ')}`);
  }
  const imagesDir = options.imagesDir ?? defaultImagesDir();
  const nodeFlags = ['--require', path.join(defaultImagesDir(), EXIT_WITH_SERVER_PRELOAD)];
  const memory = spec.resources.memoryMiB;
  if (memory !== null && memory > 0) nodeFlags.push(`--max-old-space-size=${Math.max(16, Math.floor(memory))}`);

  let args: string[];
  let cwd: string;
  if (spec.command === null) {
    args = [...nodeFlags, script];
    cwd = path.dirname(script);
  } else {
    const [program, ...rest] = spec.command;
    if (program !== 'node') {
      throw new RuntimeError(
        `the process runtime runs node commands only: the command must start with "node", got ${JSON.stringify(program ?? '')}`,
      );
    }
    args = [...nodeFlags, ...rest];
    cwd = imagesDir;
  }

  // A minimal environment: the server's own (database URL, secrets) must not reach the apps.
  const env: Record<string, string> = { NODE_ENV: 'production' };
  if (process.env.PATH !== undefined) env.PATH = process.env.PATH;
  if (process.env.HOME !== undefined) env.HOME = process.env.HOME;
  for (const { name, value } of spec.env) env[name] = value;
  // The same node that runs the server: `node` on PATH may be another version, or absent.
  return { file: process.execPath, args, cwd, env };
}

/** The child's environment: PORT and HOST are the driver's, whatever the spec's env says. */
export function childEnv(launch: Launch, port: number): NodeJS.ProcessEnv {
  // NODE_ENV is there for the type (Next.js declares it required); launch.env sets its own.
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'production' };
  return Object.assign(env, launch.env, { PORT: String(port), HOST: LOOPBACK });
}
