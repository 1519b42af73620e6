import type { RunSpec } from '../runtime-driver.ts';
import { STOP_GRACE_SECONDS } from '../docker/container-spec.ts';
import { LABEL as IDENTITY_LABEL, identityLabels, labelInt, type ReplicaIdentity } from '../shared/labels.ts';
import type { SwarmContainerSpec, SwarmServiceSpec } from './swarm-types.ts';

export { labelFilters, readIdentity } from '../shared/labels.ts';

// The labels are the driver's only memory, as with the docker driver (shared/labels.ts): services
// are found, adopted and removed by them. The service carries them (found by `docker service ls
// --filter label=`), and so does every task's container (its generation, port and probe: during a
// rollout two generations run side by side, each probed the way its own spec says).
export const LABEL = {
  ...IDENTITY_LABEL,
  /** Service only: bumped to let Swarm's updater go on to the next slot (see roll-out.ts). */
  step: 'tollgate.rollout-step',
} as const;

/** Namespaces end up in service and network names: DNS labels, lowercase. */
export const SWARM_NAMESPACE_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Swarm's UpdateConfig.Delay while Tollgate paces a rollout: "wait until told" (see roll-out.ts). */
export const HOLD_NS = 24 * 3600 * 1e9;

const NS_PER_MS = 1e6;

export interface ServiceSpecOptions {
  namespace: string;
  /** The network every task joins: the namespace's loopback bridge, or the operator's overlay. */
  network: string;
  /** Loopback mode publishes the app (and probe) ports on the node, on 127.0.0.1; overlay mode publishes nothing. */
  publish: boolean;
  restartMaxAttempts: number;
  restartDelayMs: number;
  monitorMs: number;
}

/** `tollgate-<namespace>-<appId first 8>`: readable in `docker service ls`; the labels, not the name, identify the app. */
export function serviceName(namespace: string, appId: string): string {
  return `tollgate-${namespace}-${appId.slice(0, 8).replace(/[^a-zA-Z0-9-]/g, '-')}`;
}

/** The namespace's loopback network (one-node mode), and the config-only network it is made from. */
export function loopbackNetworkNames(namespace: string): { network: string; config: string } {
  return { network: `tollgate-${namespace}-loopback`, config: `tollgate-${namespace}-loopback-config` };
}

export function serviceLabels(namespace: string, spec: RunSpec): Record<string, string> {
  return identityLabels(namespace, spec);
}

/** What a task (or a service) runs, from its labels; null for something not labelled by this driver. */
export type TaskIdentity = ReplicaIdentity;

export function generationOf(spec: SwarmServiceSpec | undefined): number | null {
  return labelInt(spec?.Labels?.[LABEL.generation], 0);
}

export function replicasOf(spec: SwarmServiceSpec | undefined): number {
  return spec?.Mode?.Replicated?.Replicas ?? 0;
}

/**
 * Swarm expands Go templates in a task's environment (`{{.Node.Hostname}}`, ...), so a value such as
 * `{{secret}}` would reach the app changed, or fail the task. `{{` is the only way into a template
 * action: writing it as the action `{{"{{"}}` (which prints `{{`) keeps every value verbatim.
 */
export function escapeTemplate(value: string): string {
  return value.replaceAll('{{', '{{"{{"}}');
}

/**
 * The one place a RunSpec becomes a Swarm service spec.
 * - Command: `Args` replaces the image's CMD and keeps its ENTRYPOINT, as `docker run IMAGE cmd...`
 *   (Swarm's `Command` would replace the ENTRYPOINT).
 * - Unprivileged as the docker driver: no capabilities (CapabilityDrop, API 1.41+), no mounts, the
 *   image's own user. `Privileges.NoNewPrivileges` is sent, but only engines whose API knows it
 *   (1.46+) apply it; older ones ignore the field (Swarm had no way to set it before).
 * - Init: Docker's tiny init as PID 1, so SIGTERM reaches apps that install no handler.
 * - Restarts: on-failure with a delay and MaxAttempts (counted per slot and generation by Swarm); a
 *   clean exit (code 0) is not restarted. MaxAttempts 0 would mean "no limit" to Swarm, so 0 retries
 *   is the `none` condition instead.
 * - Updates: one slot at a time, the new task started before the old one stops, and a Delay that
 *   holds the updater after each slot until Tollgate's probe lets it go on (roll-out.ts).
 * - Endpoint: dnsrr, no virtual IP: Tollgate addresses and balances the tasks itself. In loopback
 *   mode each port is published in `host` mode with no PublishedPort: the node picks a free port,
 *   and the loopback network binds it on 127.0.0.1 only (swarm-network.ts).
 */
export function serviceSpec(spec: RunSpec, options: ServiceSpecOptions): SwarmServiceSpec {
  const labels = serviceLabels(options.namespace, spec);
  const ports = [...new Set([spec.port, spec.probe.port])];
  const containerSpec: SwarmContainerSpec & Record<string, unknown> = {
    Image: spec.image,
    Labels: labels,
    ...(spec.command === null ? {} : { Args: spec.command }),
    Env: spec.env.map(({ name, value }) => `${name}=${escapeTemplate(value)}`),
    Init: true,
    StopGracePeriod: STOP_GRACE_SECONDS * 1e9,
    CapabilityDrop: ['ALL'],
    Privileges: { NoNewPrivileges: true },
  };
  const limits = {
    ...(spec.resources.cpu === null ? {} : { NanoCPUs: Math.round(spec.resources.cpu * 1e9) }),
    ...(spec.resources.memoryMiB === null ? {} : { MemoryBytes: Math.round(spec.resources.memoryMiB * 1024 * 1024) }),
  };
  const update = {
    Parallelism: 1,
    Order: 'start-first',
    Monitor: options.monitorMs * NS_PER_MS,
    MaxFailureRatio: 0,
  };
  return {
    Name: serviceName(options.namespace, spec.appId),
    Labels: { ...labels, [LABEL.step]: '0' },
    TaskTemplate: {
      ContainerSpec: containerSpec,
      Resources: { Limits: limits },
      RestartPolicy:
        options.restartMaxAttempts > 0
          ? { Condition: 'on-failure', Delay: options.restartDelayMs * NS_PER_MS, MaxAttempts: options.restartMaxAttempts, Window: 0 }
          : { Condition: 'none' },
      Networks: [{ Target: options.network }],
    },
    Mode: { Replicated: { Replicas: spec.replicas } },
    UpdateConfig: { ...update, Delay: HOLD_NS, FailureAction: 'rollback' },
    RollbackConfig: { ...update, Delay: 0, FailureAction: 'pause' },
    EndpointSpec: {
      Mode: 'dnsrr',
      Ports: options.publish ? ports.map((port) => ({ Protocol: 'tcp', TargetPort: port, PublishMode: 'host' })) : [],
    },
  };
}
