// The labels are a driver's only memory: what it runs is found, adopted and cleaned up by them, so a
// restarted server (or a second driver instance) knows what it runs without any database. The docker
// driver puts them on containers, the swarm driver on services and their tasks' containers.

export const LABEL = {
  managed: 'tollgate.managed',
  /** Separates Tollgate installs, and test runs, that share one engine (or swarm). */
  namespace: 'tollgate.namespace',
  appId: 'tollgate.app-id',
  generation: 'tollgate.generation',
  /** The port the app listens on (`RunSpec.port`): observe() maps it to the replica address. */
  port: 'tollgate.port',
  /** `RunSpec.probe`, so observe() can tell a running replica from a ready one (each generation probed its own way). */
  probePort: 'tollgate.probe-port',
  probePath: 'tollgate.probe-path',
} as const;

/** What a replica runs, as its labels say. */
export interface ReplicaIdentity {
  appId: string;
  generation: number;
  port: number;
  probe: { port: number; path: string };
}

export function identityLabels(namespace: string, identity: ReplicaIdentity): Record<string, string> {
  return {
    [LABEL.managed]: 'true',
    [LABEL.namespace]: namespace,
    [LABEL.appId]: identity.appId,
    [LABEL.generation]: String(identity.generation),
    [LABEL.port]: String(identity.port),
    [LABEL.probePort]: String(identity.probe.port),
    [LABEL.probePath]: identity.probe.path,
  };
}

/** Docker `label` filters for the namespace's containers (or services), or one app's. */
export function labelFilters(namespace: string, appId?: string): string[] {
  const filters = [`${LABEL.managed}=true`, `${LABEL.namespace}=${namespace}`];
  if (appId !== undefined) filters.push(`${LABEL.appId}=${appId}`);
  return filters;
}

/** A whole-number label ≥ `min`; null when absent or anything else. */
export function labelInt(value: string | undefined, min: number): number | null {
  if (value === undefined || !/^\d{1,15}$/.test(value)) return null;
  const n = Number(value);
  return n >= min ? n : null;
}

/** The identity in a replica's labels; null for something not labelled by a driver (someone else's, by hand). */
export function readIdentity(labels: Record<string, string> | undefined): ReplicaIdentity | null {
  const appId = labels?.[LABEL.appId];
  const generation = labelInt(labels?.[LABEL.generation], 0);
  const port = labelInt(labels?.[LABEL.port], 1);
  const probePort = labelInt(labels?.[LABEL.probePort], 1);
  const probePath = labels?.[LABEL.probePath];
  if (!appId || generation === null || port === null || probePort === null || !probePath) return null;
  return { appId, generation, port, probe: { port: probePort, path: probePath } };
}
