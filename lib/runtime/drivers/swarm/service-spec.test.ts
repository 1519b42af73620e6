import { describe, expect, it } from 'vitest';
import type { RunSpec } from '../runtime-driver.ts';
import { escapeTemplate, generationOf, HOLD_NS, readIdentity, serviceName, serviceSpec, type ServiceSpecOptions } from './service-spec.ts';

const run: RunSpec = {
  appId: 'cA1_b2.c3d4e5',
  generation: 7,
  image: 'ghcr.io/acme/app:1.2',
  command: ['serve', '--port', '9000'],
  env: [
    { name: 'GREETING', value: 'a = b' },
    { name: 'TEMPLATE', value: '{{.Node.Hostname}} }} {{' },
  ],
  port: 9000,
  probe: { path: '/healthz', port: 9001 },
  resources: { cpu: 1.5, memoryMiB: 256 },
  replicas: 3,
};
const options: ServiceSpecOptions = { namespace: 'prod', network: 'tollgate-prod-loopback', publish: true, restartMaxAttempts: 4, restartDelayMs: 500, monitorMs: 5_000 };

describe('serviceSpec', () => {
  it('names the service after the namespace and the first 8 characters of the app id, in characters a service name takes', () => {
    expect(serviceName('prod', run.appId)).toBe('tollgate-prod-cA1-b2-c');
  });

  it('keeps the ENTRYPOINT (Args), escapes Swarm templates in env, labels service and tasks alike', () => {
    const spec = serviceSpec(run, options);
    const container = spec.TaskTemplate?.ContainerSpec as Record<string, unknown>;
    expect(container).toMatchObject({
      Image: run.image,
      Args: ['serve', '--port', '9000'],
      Env: ['GREETING=a = b', 'TEMPLATE={{"{{"}}.Node.Hostname}} }} {{"{{"}}'],
      Init: true,
      CapabilityDrop: ['ALL'],
      Privileges: { NoNewPrivileges: true },
      StopGracePeriod: 10e9,
    });
    expect(container.Command).toBeUndefined();
    expect(readIdentity(spec.TaskTemplate?.ContainerSpec?.Labels)).toEqual({ appId: run.appId, generation: 7, port: 9000, probe: { port: 9001, path: '/healthz' } });
    expect(spec.Labels).toMatchObject({ 'tollgate.managed': 'true', 'tollgate.namespace': 'prod', 'tollgate.rollout-step': '0' });
    expect(generationOf(spec)).toBe(7);
    expect(serviceSpec({ ...run, command: null }, options).TaskTemplate?.ContainerSpec?.Args).toBeUndefined();
  });

  it('limits, restarts on failure, rolls one slot at a time start-first and holds, publishes app and probe ports on the node', () => {
    const spec = serviceSpec(run, options);
    expect(spec.TaskTemplate).toMatchObject({
      Resources: { Limits: { NanoCPUs: 1_500_000_000, MemoryBytes: 256 * 1024 * 1024 } },
      RestartPolicy: { Condition: 'on-failure', Delay: 500e6, MaxAttempts: 4, Window: 0 },
      Networks: [{ Target: 'tollgate-prod-loopback' }],
    });
    expect(spec.Mode).toEqual({ Replicated: { Replicas: 3 } });
    expect(spec.UpdateConfig).toEqual({ Parallelism: 1, Order: 'start-first', Monitor: 5e9, MaxFailureRatio: 0, Delay: HOLD_NS, FailureAction: 'rollback' });
    expect(spec.RollbackConfig).toMatchObject({ Parallelism: 1, Order: 'start-first', Delay: 0, FailureAction: 'pause' });
    expect(spec.EndpointSpec).toEqual({
      Mode: 'dnsrr',
      Ports: [
        { Protocol: 'tcp', TargetPort: 9000, PublishMode: 'host' },
        { Protocol: 'tcp', TargetPort: 9001, PublishMode: 'host' },
      ],
    });
    expect(serviceSpec({ ...run, probe: { path: '/', port: 9000 } }, options).EndpointSpec?.Ports).toHaveLength(1);
  });

  it('publishes nothing on an overlay network; no limits when none; 0 restarts is the `none` condition', () => {
    const spec = serviceSpec({ ...run, resources: { cpu: null, memoryMiB: null } }, { ...options, network: 'apps', publish: false, restartMaxAttempts: 0 });
    expect(spec.EndpointSpec).toEqual({ Mode: 'dnsrr', Ports: [] });
    expect(spec.TaskTemplate).toMatchObject({ Resources: { Limits: {} }, RestartPolicy: { Condition: 'none' }, Networks: [{ Target: 'apps' }] });
  });
});

describe('escapeTemplate', () => {
  it('turns every `{{` into the action that prints it, and leaves the rest alone', () => {
    expect(escapeTemplate('plain }} text')).toBe('plain }} text');
    expect(escapeTemplate('{{{{')).toBe('{{"{{"}}{{"{{"}}');
  });
});
