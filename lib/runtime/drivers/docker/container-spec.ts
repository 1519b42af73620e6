import { randomBytes } from 'node:crypto';
import type Dockerode from 'dockerode';
import type { RunSpec } from '../runtime-driver.ts';
import { containerLabels } from './container-labels.ts';

/** Seconds between SIGTERM and SIGKILL when a replica stops (docker stop, and dockerd's own shutdown). */
export const STOP_GRACE_SECONDS = 10;

/** Namespaces end up in container names, so they take Docker's name characters only. */
export const NAMESPACE_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,39}$/;

/** `tollgate-<namespace>-<appId first 8>-g<generation>-<slot>-<random4>`: readable in `docker ps`, never reused. */
export function containerName(namespace: string, appId: string, generation: number, slot: number): string {
  const app = appId.slice(0, 8).replace(/[^a-zA-Z0-9_.-]/g, '-');
  return `tollgate-${namespace}-${app}-g${generation}-${slot}-${randomBytes(2).toString('hex')}`;
}

export interface ContainerSpecOptions {
  namespace: string;
  slot: number;
  restartMaxRetries: number;
  name: string;
}

/**
 * The one place a RunSpec becomes Docker's create options.
 * - Ports: published on 127.0.0.1 only, host port chosen by Docker. The gateway is the only way in,
 *   and a random port lets replicas of any app coexist; it changes when Docker restarts a
 *   container, so addresses always come from a fresh inspect.
 * - Unprivileged: no capabilities, no-new-privileges (setuid binaries in the image gain nothing),
 *   no mounts at all, so never the Docker socket.
 * - Init: Docker's tiny init runs as PID 1 and forwards signals. The kernel gives PID 1 no default
 *   signal actions, so an app that installs no SIGTERM handler (most) would ignore `docker stop`
 *   and only die at the SIGKILL, a whole grace period later.
 * - Restarts: Docker's on-failure policy restarts a crashed replica with its own doubling back-off
 *   (100 ms, 200 ms, ...) and gives up after `restartMaxRetries`; a clean exit (code 0) is not restarted.
 *   Docker reads a MaximumRetryCount of 0 as "no limit", so 0 retries is the `no` policy instead.
 */
export function containerSpec(spec: RunSpec, options: ContainerSpecOptions): Dockerode.ContainerCreateOptions {
  const ports = [...new Set([spec.port, spec.probe.port])].map((port) => `${port}/tcp`);
  const memory = spec.resources.memoryMiB === null ? undefined : Math.round(spec.resources.memoryMiB * 1024 * 1024);
  return {
    name: options.name,
    Image: spec.image,
    // Cmd replaces the image's CMD; an ENTRYPOINT, if the image has one, still runs it (as `docker run IMAGE cmd...`).
    ...(spec.command === null ? {} : { Cmd: spec.command }),
    Env: spec.env.map(({ name, value }) => `${name}=${value}`),
    Labels: containerLabels(options.namespace, {
      appId: spec.appId,
      generation: spec.generation,
      slot: options.slot,
      port: spec.port,
      probe: spec.probe,
    }),
    ExposedPorts: Object.fromEntries(ports.map((port) => [port, {}])),
    StopTimeout: STOP_GRACE_SECONDS,
    HostConfig: {
      PortBindings: Object.fromEntries(ports.map((port) => [port, [{ HostIp: '127.0.0.1', HostPort: '' }]])),
      Init: true,
      RestartPolicy: options.restartMaxRetries > 0 ? { Name: 'on-failure', MaximumRetryCount: options.restartMaxRetries } : { Name: 'no' },
      SecurityOpt: ['no-new-privileges'],
      CapDrop: ['ALL'],
      ...(spec.resources.cpu === null ? {} : { NanoCpus: Math.round(spec.resources.cpu * 1e9) }),
      // MemorySwap = Memory: the limit is the limit, not twice it with swap.
      ...(memory === undefined ? {} : { Memory: memory, MemorySwap: memory }),
    },
  };
}
