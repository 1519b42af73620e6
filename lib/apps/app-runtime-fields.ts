import { Prisma, type App } from '../db/generated/client.ts';
import type { AppSpec, AppUpdate, EnvVar } from './app-spec.ts';

/** Where an external app answers, and how to reach it. */
export interface ExternalUpstream {
  url: string;
  preserveHost: boolean;
  tlsSkipVerify: boolean;
}

/**
 * What runs, in the spec's shape: the part of an app an update may change. An
 * app is either run from `image` or registered by `upstream` (external).
 */
export interface RuntimeFields {
  image: string | null;
  upstream: ExternalUpstream | null;
  command: string[] | null;
  envVars: EnvVar[];
  defaultHttpPort: number;
  probe: { path: string; port: number };
  resources: { cpu: number | null; memoryMiB: number | null };
}

type RuntimeRow = Pick<
  App,
  'image' | 'upstreamUrl' | 'preserveHost' | 'tlsSkipVerify' | 'command' | 'envVars' | 'port' | 'probePath' | 'probePort' | 'cpu' | 'memoryMiB'
>;

/** The columns for a spec's runtime fields. */
export function runtimeColumns(fields: RuntimeFields) {
  return {
    image: fields.image,
    upstreamUrl: fields.upstream?.url ?? null,
    preserveHost: fields.upstream?.preserveHost ?? false,
    tlsSkipVerify: fields.upstream?.tlsSkipVerify ?? false,
    command: fields.command === null ? Prisma.DbNull : fields.command,
    envVars: fields.envVars as Prisma.InputJsonValue,
    port: fields.defaultHttpPort,
    probePath: fields.probe.path,
    // Kept only when it differs from the app's port, so a new port moves the probe with it.
    probePort: fields.probe.port === fields.defaultHttpPort ? null : fields.probe.port,
    cpu: fields.resources.cpu,
    memoryMiB: fields.resources.memoryMiB,
  };
}

/** A validated create spec's runtime fields, defaults filled in. */
export function runtimeFieldsOf(spec: AppSpec): RuntimeFields {
  return {
    image: spec.image ?? null,
    upstream: spec.upstreamUrl === undefined ? null : { url: spec.upstreamUrl, preserveHost: spec.preserveHost, tlsSkipVerify: spec.tlsSkipVerify },
    command: spec.command,
    envVars: spec.envVars,
    defaultHttpPort: spec.defaultHttpPort,
    probe: { path: spec.probe?.path ?? '/', port: spec.probe?.port ?? spec.defaultHttpPort },
    resources: { cpu: spec.resources?.cpu ?? null, memoryMiB: spec.resources?.memoryMiB ?? null },
  };
}

/** The runtime fields an app row holds. */
export function readRuntimeFields(row: RuntimeRow): RuntimeFields {
  return {
    image: row.image,
    upstream: row.upstreamUrl === null ? null : { url: row.upstreamUrl, preserveHost: row.preserveHost, tlsSkipVerify: row.tlsSkipVerify },
    command: Array.isArray(row.command) ? (row.command as string[]) : null,
    envVars: readEnvVars(row.envVars),
    defaultHttpPort: row.port,
    probe: { path: row.probePath, port: row.probePort ?? row.port },
    resources: { cpu: row.cpu, memoryMiB: row.memoryMiB },
  };
}

export function readEnvVars(json: unknown): EnvVar[] {
  return Array.isArray(json) ? (json as EnvVar[]) : [];
}

type Merged = RuntimeFields | { problem: string; path: (string | number)[] };

/**
 * An update merged onto what runs now. A field left out keeps its value; a
 * secret env var sent back without a value (as the API shows it) keeps its
 * secret; an env var left out of a new list is removed. An app keeps its
 * kind: an image app takes no upstreamUrl, an external app no image.
 */
export function mergeRuntimeFields(current: RuntimeFields, update: AppUpdate): Merged {
  if (current.upstream) return mergeExternal(current, current.upstream, update);
  const external = (['upstreamUrl', 'preserveHost', 'tlsSkipVerify'] as const).find((key) => update[key] !== undefined);
  if (external) return { problem: `${external} applies only to an app registered by upstreamUrl; this one runs an image`, path: [external] };
  const envVars = mergeEnvVars(current.envVars, update.envVars);
  if ('problem' in envVars) return envVars;
  const defaultHttpPort = update.defaultHttpPort ?? current.defaultHttpPort;
  return {
    image: update.image ?? current.image,
    upstream: null,
    command: update.command === undefined ? current.command : update.command,
    envVars,
    defaultHttpPort,
    probe: mergeProbe(current, update, defaultHttpPort),
    resources: {
      cpu: update.resources === undefined ? current.resources.cpu : (update.resources.cpu ?? null),
      memoryMiB: update.resources === undefined ? current.resources.memoryMiB : (update.resources.memoryMiB ?? null),
    },
  };
}

function mergeExternal(current: RuntimeFields, upstream: ExternalUpstream, update: AppUpdate): Merged {
  const runtimeOnly = (['image', 'command', 'envVars', 'resources'] as const).find((key) => update[key] !== undefined);
  if (runtimeOnly) return { problem: `${runtimeOnly} does not apply to an app that runs elsewhere (upstreamUrl)`, path: [runtimeOnly] };
  const defaultHttpPort = update.defaultHttpPort ?? current.defaultHttpPort;
  return {
    ...current,
    upstream: {
      url: update.upstreamUrl ?? upstream.url,
      preserveHost: update.preserveHost ?? upstream.preserveHost,
      tlsSkipVerify: update.tlsSkipVerify ?? upstream.tlsSkipVerify,
    },
    defaultHttpPort,
    probe: mergeProbe(current, update, defaultHttpPort),
  };
}

/** A new probe replaces the old one; a probe that followed the old port follows the new one. */
function mergeProbe(current: RuntimeFields, update: AppUpdate, defaultHttpPort: number): RuntimeFields['probe'] {
  if (update.probe) return { path: update.probe.path, port: update.probe.port ?? defaultHttpPort };
  return { path: current.probe.path, port: current.probe.port === current.defaultHttpPort ? defaultHttpPort : current.probe.port };
}

function mergeEnvVars(current: EnvVar[], update: AppUpdate['envVars']): EnvVar[] | { problem: string; path: (string | number)[] } {
  if (update === undefined) return current;
  const merged: EnvVar[] = [];
  for (const [index, entry] of update.entries()) {
    if (entry.value !== undefined) {
      merged.push({ name: entry.name, value: entry.value, secret: entry.secret });
      continue;
    }
    const kept = current.find((existing) => existing.name === entry.name && existing.secret);
    if (!kept) return { problem: `Env var ${entry.name} needs a value (only an existing secret can be kept without one)`, path: ['envVars', index, 'value'] };
    merged.push(kept);
  }
  return merged;
}

/** Whether two runtime field sets run the same thing (a rollout is needed when not). */
export function sameRuntime(a: RuntimeFields, b: RuntimeFields): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
