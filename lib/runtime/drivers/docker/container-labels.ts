// The labels are the driver's only memory: containers are found, adopted and cleaned up by them,
// so a restarted server (or a second driver instance) knows what it runs without any database.

export const LABEL = {
  managed: 'tollgate.managed',
  /** Separates Tollgate installs, and test runs, that share one Docker engine. */
  namespace: 'tollgate.namespace',
  appId: 'tollgate.app-id',
  generation: 'tollgate.generation',
  slot: 'tollgate.slot',
  /** The container port the app listens on (`RunSpec.port`): observe() maps it to the replica address. */
  port: 'tollgate.port',
  /** `RunSpec.probe`, so observe() can tell a running container from a ready one. */
  probePort: 'tollgate.probe-port',
  probePath: 'tollgate.probe-path',
} as const;

export interface ContainerIdentity {
  appId: string;
  generation: number;
  slot: number;
  port: number;
  probe: { port: number; path: string };
}

export function containerLabels(namespace: string, identity: ContainerIdentity): Record<string, string> {
  return {
    [LABEL.managed]: 'true',
    [LABEL.namespace]: namespace,
    [LABEL.appId]: identity.appId,
    [LABEL.generation]: String(identity.generation),
    [LABEL.slot]: String(identity.slot),
    [LABEL.port]: String(identity.port),
    [LABEL.probePort]: String(identity.probe.port),
    [LABEL.probePath]: identity.probe.path,
  };
}

/** Docker `label` filters for the namespace's containers, or one app's. */
export function labelFilters(namespace: string, appId?: string): string[] {
  const filters = [`${LABEL.managed}=true`, `${LABEL.namespace}=${namespace}`];
  if (appId !== undefined) filters.push(`${LABEL.appId}=${appId}`);
  return filters;
}

function int(value: string | undefined, min: number): number | null {
  if (value === undefined || !/^\d{1,15}$/.test(value)) return null;
  const n = Number(value);
  return n >= min ? n : null;
}

/** The identity in a container's labels; null for a container someone else labelled by hand (ignored). */
export function readLabels(labels: Record<string, string> | undefined): ContainerIdentity | null {
  const appId = labels?.[LABEL.appId];
  const generation = int(labels?.[LABEL.generation], 0);
  const slot = int(labels?.[LABEL.slot], 1);
  const port = int(labels?.[LABEL.port], 1);
  const probePort = int(labels?.[LABEL.probePort], 1);
  const probePath = labels?.[LABEL.probePath];
  if (!appId || generation === null || slot === null || port === null || probePort === null || !probePath) return null;
  return { appId, generation, slot, port, probe: { port: probePort, path: probePath } };
}
