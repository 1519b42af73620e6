import type Dockerode from 'dockerode';
import { labelFilters, readLabels, type ContainerIdentity } from './container-labels.ts';
import { unlessGone } from './docker-error.ts';

/** A container of this namespace, as one inspect saw it. */
export interface ManagedContainer extends ContainerIdentity {
  id: string;
  name: string;
  /** The image id the container runs (sha256:...). */
  imageId: string;
  /** Docker's State.Status: created, running, paused, restarting, removing, exited, dead. */
  status: string;
  /** Container port → host port on 127.0.0.1. Docker picks a new one on every (re)start. */
  hostPorts: Map<number, number>;
  restartCount: number;
  exitCode: number | null;
  oomKilled: boolean;
  /** State.Error: why Docker could not start it ("executable file not found", ...). */
  error: string | null;
  startedAt: Date | null;
  createdAt: Date;
}

function hostPorts(info: Dockerode.ContainerInspectInfo): Map<number, number> {
  const ports = new Map<number, number>();
  for (const [key, bindings] of Object.entries(info.NetworkSettings?.Ports ?? {})) {
    const [port, proto] = key.split('/');
    if (proto !== 'tcp' || !Array.isArray(bindings)) continue;
    // Only the loopback binding: containerSpec publishes nothing else, and nothing else is to be used.
    const binding = bindings.find((b) => b.HostIp === '127.0.0.1' && b.HostPort);
    if (binding?.HostPort) ports.set(Number(port), Number(binding.HostPort));
  }
  return ports;
}

function date(value: string | undefined): Date | null {
  // Docker says "0001-01-01T00:00:00Z" for never.
  if (!value || value.startsWith('0001-')) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/** Reads one container; null when it is gone or not one of ours. */
export async function inspectManaged(docker: Dockerode, id: string): Promise<ManagedContainer | null> {
  const info = await unlessGone(() => docker.getContainer(id).inspect());
  if (!info) return null;
  const identity = readLabels(info.Config?.Labels);
  if (!identity) return null;
  const state = info.State;
  const exited = state.Status === 'exited' || state.Status === 'dead';
  return {
    ...identity,
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    imageId: info.Image,
    status: state.Status,
    hostPorts: hostPorts(info),
    restartCount: info.RestartCount ?? 0,
    exitCode: exited || state.Restarting ? state.ExitCode : null,
    oomKilled: state.OOMKilled,
    error: state.Error || null,
    startedAt: date(state.StartedAt),
    createdAt: date(info.Created) ?? new Date(0),
  };
}

/** Every container of the namespace (or of one app), exited ones included, oldest first. */
export async function listManagedContainers(docker: Dockerode, namespace: string, appId?: string): Promise<ManagedContainer[]> {
  const listed = await docker.listContainers({ all: true, filters: { label: labelFilters(namespace, appId) } });
  const inspected = await Promise.all(listed.map((c) => inspectManaged(docker, c.Id)));
  return inspected
    .filter((c): c is ManagedContainer => c !== null && (appId === undefined || c.appId === appId))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}
