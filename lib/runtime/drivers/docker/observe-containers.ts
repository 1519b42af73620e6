import type Dockerode from 'dockerode';
import { probeHttp } from '../../probe.ts';
import type { ObservedApp, ObservedReplica, ReplicaAddress, ReplicaState } from '../runtime-driver.ts';
import { unlessGone } from './docker-error.ts';
import type { ManagedContainer } from './managed-containers.ts';

export interface ObserveOptions {
  probeTimeoutMs: number;
  /** Containers being retired (drained before their stop): no longer reported, so nothing routes to them. */
  retiring: ReadonlySet<string>;
}

/** Where the container's app port answers on this host, while Docker publishes it. */
export function replicaAddress(container: ManagedContainer, containerPort = container.port): ReplicaAddress | null {
  const port = container.hostPorts.get(containerPort);
  return port === undefined ? null : { host: '127.0.0.1', port };
}

/**
 * Docker's state, sharpened by the app's own probe: a container Docker runs is `running` only once
 * its probe answers, `starting` before (booting, or just restarted by the restart policy), so the
 * gateway never routes to a replica that would refuse the connection.
 */
async function replicaState(container: ManagedContainer, probeTimeoutMs: number): Promise<ReplicaState> {
  switch (container.status) {
    case 'created':
      return 'starting';
    case 'restarting':
      return 'restarting';
    case 'running': {
      const address = replicaAddress(container, container.probe.port);
      if (!address) return 'starting';
      const probe = await probeHttp(address, container.probe.path, probeTimeoutMs);
      return probe.ok ? 'running' : 'starting';
    }
    default:
      // paused, removing, exited, dead: serves nothing
      return 'exited';
  }
}

export async function observeReplica(container: ManagedContainer, probeTimeoutMs: number): Promise<ObservedReplica> {
  const state = await replicaState(container, probeTimeoutMs);
  return {
    id: container.id,
    slot: container.slot,
    generation: container.generation,
    state,
    address: state === 'running' || state === 'starting' ? replicaAddress(container) : null,
    restartCount: container.restartCount,
    exitCode: container.exitCode,
    error: container.oomKilled ? 'OOMKilled' : container.error,
    startedAt: container.startedAt,
  };
}

/** RepoDigests[0] (what a registry calls the image) or, for an image built here, its id. */
async function imageDigest(docker: Dockerode, imageId: string): Promise<string | null> {
  const image = await unlessGone(() => docker.getImage(imageId).inspect());
  if (!image) return null;
  return image.RepoDigests?.[0] ?? image.Id;
}

/** Groups containers by app; apps whose containers are all retiring are left out. */
export async function observeContainers(
  docker: Dockerode,
  containers: ManagedContainer[],
  options: ObserveOptions,
): Promise<ObservedApp[]> {
  const byApp = new Map<string, ManagedContainer[]>();
  for (const container of containers) {
    if (options.retiring.has(container.id)) continue;
    byApp.set(container.appId, [...(byApp.get(container.appId) ?? []), container]);
  }
  const digests = new Map<string, Promise<string | null>>();
  return Promise.all(
    [...byApp].map(async ([appId, appContainers]) => {
      const replicas = await Promise.all(appContainers.map((c) => observeReplica(c, options.probeTimeoutMs)));
      replicas.sort((a, b) => b.generation - a.generation || a.slot - b.slot);
      // The digest of the newest generation: what the app is moving to, or runs.
      const newest = appContainers.reduce((a, b) => (b.generation > a.generation ? b : a));
      if (!digests.has(newest.imageId)) digests.set(newest.imageId, imageDigest(docker, newest.imageId));
      return { appId, replicas, imageDigest: (await digests.get(newest.imageId)) ?? null };
    }),
  );
}
