import type { AppDto } from '@/lib/apps/app-dto';
import type { LabelRow } from './label-rows';
import { joinShellWords } from './shell-words';

// What the New app and Edit forms hold while the user types: text as typed
// (numbers too, so "abc" can be reported rather than silently dropped).

export interface EnvRow {
  id: number;
  name: string;
  value: string;
  secret: boolean;
  /**
   * Set on a secret the app already has: the panel never learns its value, so
   * a blank value means "keep it" (sent back without a value), under this name.
   */
  keptName: string | null;
}

/** The fields an Edit may change: what runs. */
export interface RuntimeValues {
  image: string;
  /** One line, split into arguments like a shell would (see shell-words.ts); blank: the image's own. */
  command: string;
  envRows: EnvRow[];
  port: string;
  probePath: string;
  /** Blank: the app's port. */
  probePort: string;
  /** Blank: no limit. */
  cpu: string;
  memoryMiB: string;
}

/** Deploy an image (Tollgate runs it), or protect an app that already runs at a URL. */
export type AppKind = 'image' | 'external';

export interface NewAppValues extends RuntimeValues {
  kind: AppKind;
  name: string;
  region: string;
  replicas: string;
  labels: LabelRow[];
  unsecureHttp: boolean;
  /** kind 'external': where the app answers, and how Tollgate talks to it. */
  upstreamUrl: string;
  preserveHost: boolean;
  tlsSkipVerify: boolean;
}

export const DEFAULT_PORT = '8080';

export function newAppValues(region: string): NewAppValues {
  return {
    kind: 'image',
    name: '',
    image: '',
    region,
    command: '',
    envRows: [],
    port: DEFAULT_PORT,
    probePath: '/',
    probePort: '',
    cpu: '',
    memoryMiB: '',
    replicas: '1',
    labels: [],
    unsecureHttp: false,
    upstreamUrl: '',
    preserveHost: false,
    tlsSkipVerify: false,
  };
}

/** The app's runtime fields as the Edit form starts them; env rows get ids 1..n. */
export function runtimeValuesOf(spec: AppDto['spec']): RuntimeValues {
  return {
    // Null for an external app (its form has no image).
    image: spec.image ?? '',
    command: spec.command ? joinShellWords(spec.command) : '',
    envRows: spec.envVars.map((env, index) =>
      env.secret
        ? { id: index + 1, name: env.name, value: '', secret: true, keptName: env.name }
        : { id: index + 1, name: env.name, value: env.value ?? '', secret: false, keptName: null },
    ),
    port: String(spec.defaultHttpPort),
    probePath: spec.probe.path,
    // Left blank when it is the app's port, so the probe follows a new port.
    probePort: spec.probe.port === spec.defaultHttpPort ? '' : String(spec.probe.port),
    cpu: spec.resources.cpu === null ? '' : String(spec.resources.cpu),
    memoryMiB: spec.resources.memoryMiB === null ? '' : String(spec.resources.memoryMiB),
  };
}

export function isBlankEnvRow(row: EnvRow): boolean {
  return row.keptName === null && row.name.trim() === '' && row.value === '';
}
