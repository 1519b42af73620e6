import { Prisma, type App } from '../db/generated/client.ts';
import type { AppSpec, AppUpdate, EnvVar } from './app-spec.ts';

/** What runs, in the spec's shape: the part of an app a rolling update may change. */
export type RuntimeFields = Pick<AppSpec, 'image' | 'command' | 'envVars' | 'defaultHttpPort'> & {
  probe: { path: string; port: number };
  resources: { cpu: number | null; memoryMiB: number | null };
};

type RuntimeRow = Pick<App, 'image' | 'command' | 'envVars' | 'port' | 'probePath' | 'probePort' | 'cpu' | 'memoryMiB'>;

/** The columns for a spec's runtime fields. */
export function runtimeColumns(fields: RuntimeFields) {
  return {
    image: fields.image,
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
    image: spec.image,
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

/**
 * An update merged onto what runs now. A field left out keeps its value; a
 * secret env var sent back without a value (as the API shows it) keeps its
 * secret; an env var left out of a new list is removed.
 */
export function mergeRuntimeFields(current: RuntimeFields, update: AppUpdate): RuntimeFields | { problem: string; path: (string | number)[] } {
  let envVars = current.envVars;
  if (update.envVars !== undefined) {
    const merged: EnvVar[] = [];
    for (const [index, entry] of update.envVars.entries()) {
      if (entry.value !== undefined) {
        merged.push({ name: entry.name, value: entry.value, secret: entry.secret });
        continue;
      }
      const kept = current.envVars.find((existing) => existing.name === entry.name && existing.secret);
      if (!kept) return { problem: `Env var ${entry.name} needs a value (only an existing secret can be kept without one)`, path: ['envVars', index, 'value'] };
      merged.push(kept);
    }
    envVars = merged;
  }
  const defaultHttpPort = update.defaultHttpPort ?? current.defaultHttpPort;
  // A new probe replaces the old one; a probe that followed the old port follows the new one.
  const probe = update.probe
    ? { path: update.probe.path, port: update.probe.port ?? defaultHttpPort }
    : { path: current.probe.path, port: current.probe.port === current.defaultHttpPort ? defaultHttpPort : current.probe.port };
  return {
    image: update.image ?? current.image,
    command: update.command === undefined ? current.command : update.command,
    envVars,
    defaultHttpPort,
    probe,
    resources: {
      cpu: update.resources === undefined ? current.resources.cpu : (update.resources.cpu ?? null),
      memoryMiB: update.resources === undefined ? current.resources.memoryMiB : (update.resources.memoryMiB ?? null),
    },
  };
}

/** Whether two runtime field sets run the same thing (a rollout is needed when not). */
export function sameRuntime(a: RuntimeFields, b: RuntimeFields): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
