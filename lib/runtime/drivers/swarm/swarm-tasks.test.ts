import { describe, expect, it } from 'vitest';
import { serviceSpec } from './service-spec.ts';
import { observeTasks, policyRestarts, taskAddress, taskImageDigest } from './swarm-tasks.ts';
import type { SwarmService, SwarmTask, TaskState } from './swarm-types.ts';
import type Dockerode from 'dockerode';

const base = { appId: 'app1', image: 'hello:1', command: null, env: [], port: 8080, probe: { path: '/', port: 8080 }, resources: { cpu: null, memoryMiB: null } };
const specOf = (generation: number, replicas = 2) =>
  serviceSpec({ ...base, generation, replicas }, { namespace: 'ns', network: 'lo', publish: true, restartMaxAttempts: 2, restartDelayMs: 100, monitorMs: 1_000 });
const service = (generation: number, replicas = 2): SwarmService => ({ ID: 'svc', Spec: specOf(generation, replicas) });

let clock = 0;
function task(slot: number, generation: number, state: TaskState, desired: TaskState, extra: Partial<SwarmTask['Status']> = {}, forceUpdate = 0): SwarmTask {
  clock += 1_000;
  return {
    ID: `t${clock}`,
    ServiceID: 'svc',
    Slot: slot,
    CreatedAt: new Date(clock).toISOString(),
    DesiredState: desired,
    Spec: { ContainerSpec: specOf(generation).TaskTemplate?.ContainerSpec, ForceUpdate: forceUpdate },
    Status: { State: state, Timestamp: new Date(clock + 500).toISOString(), ...extra },
  };
}
const failed = (slot: number, generation: number, code: number, forceUpdate = 0) =>
  task(slot, generation, 'failed', 'shutdown', { Err: `task: non-zero exit (${code})`, ContainerStatus: { ExitCode: code } }, forceUpdate);
const options = { addressing: { mode: 'loopback' as const }, probeTimeoutMs: 200 };

describe('observeTasks', () => {
  it('lists what Swarm wants running; a slot waiting out its restart delay is restarting, with the exit that caused it', async () => {
    const tasks = [
      failed(1, 1, 3),
      task(1, 1, 'pending', 'ready'),
      task(2, 1, 'starting', 'running'),
      task(3, 1, 'running', 'shutdown'), // retired by a rollout: out of rotation at once
      task(4, 1, 'running', 'remove'), // scaled away
    ];
    const replicas = await observeTasks(service(1), tasks, options);
    expect(replicas.map((r) => [r.slot, r.state, r.restartCount, r.exitCode, r.error])).toEqual([
      [1, 'restarting', 1, 3, 'task: non-zero exit (3)'],
      [2, 'starting', 0, null, null],
    ]);
  });

  it('reports a slot whose restart policy gave up as exited; a running task whose port is not published yet is starting', async () => {
    const tasks = [failed(1, 1, 3), failed(1, 1, 3), failed(1, 1, 3), task(2, 1, 'running', 'running')];
    const replicas = await observeTasks(service(1), tasks, options);
    expect(replicas.map((r) => [r.slot, r.state, r.restartCount, r.exitCode, r.address])).toEqual([
      [1, 'exited', 2, 3, null],
      [2, 'starting', 0, null, null],
    ]);
  });

  it('counts restarts per spec: a new generation or a ForceUpdate starts afresh; a dead slot of an old generation is history', async () => {
    const tasks = [failed(1, 1, 3), failed(1, 1, 3), failed(1, 2, 1), failed(1, 2, 1, 1), task(1, 2, 'preparing', 'running', {}, 1), failed(2, 1, 3)];
    const replicas = await observeTasks(service(2), tasks, options);
    expect(replicas.map((r) => [r.slot, r.generation, r.state, r.restartCount])).toEqual([[1, 2, 'restarting', 1]]);
  });
});

describe('task addressing', () => {
  const running = task(1, 1, 'running', 'running', { PortStatus: { Ports: [{ TargetPort: 8080, PublishedPort: 30001, PublishMode: 'host' }] } });
  running.NetworksAttachments = [{ Network: { ID: 'n1', Spec: { Name: 'apps' } }, Addresses: ['10.0.1.7/24'] }];

  it('is 127.0.0.1 and the published port in loopback mode, the task address and container port on an overlay', () => {
    expect(taskAddress(running, 8080, { mode: 'loopback' })).toEqual({ host: '127.0.0.1', port: 30001 });
    expect(taskAddress(running, 9999, { mode: 'loopback' })).toBeNull();
    expect(taskAddress(running, 8080, { mode: 'overlay', network: 'apps' })).toEqual({ host: '10.0.1.7', port: 8080 });
    expect(taskAddress(running, 8080, { mode: 'overlay', network: 'other' })).toBeNull();
  });

  it('reads the digest Swarm pinned in the image reference', async () => {
    const pinned = task(1, 1, 'running', 'running');
    pinned.Spec!.ContainerSpec = { ...pinned.Spec!.ContainerSpec, Image: `ghcr.io/acme/app:1.2@sha256:${'a'.repeat(64)}` };
    expect(await taskImageDigest({} as Dockerode, pinned)).toBe(`ghcr.io/acme/app@sha256:${'a'.repeat(64)}`);
  });
});

describe('policyRestarts', () => {
  it("follows Swarm's rule: condition, then attempts (0 = no limit)", () => {
    const crashed = failed(1, 1, 1);
    const done = task(1, 1, 'complete', 'shutdown');
    expect(policyRestarts(crashed, 1, { Condition: 'on-failure', MaxAttempts: 2 })).toBe(true);
    expect(policyRestarts(crashed, 2, { Condition: 'on-failure', MaxAttempts: 2 })).toBe(false);
    expect(policyRestarts(crashed, 99, { Condition: 'on-failure', MaxAttempts: 0 })).toBe(true);
    expect(policyRestarts(done, 0, { Condition: 'on-failure', MaxAttempts: 2 })).toBe(false);
    expect(policyRestarts(done, 0, { Condition: 'any' })).toBe(true);
    expect(policyRestarts(crashed, 0, { Condition: 'none' })).toBe(false);
  });
});
