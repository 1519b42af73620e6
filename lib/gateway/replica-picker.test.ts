import { describe, expect, it } from 'vitest';
import type { GatewayApp } from './gateway-store';
import { ReplicaPicker } from './replica-picker';

const app = (ports: number[]): GatewayApp => ({
  id: 'a1',
  projectId: 'p1',
  region: 'GRA',
  labels: {},
  unsecureHttp: false,
  name: 'demo', allowPanelUsers: true,
  state: 'RUNNING',
  replicas: ports.map((port) => ({ host: '127.0.0.1', port })),
});

describe('ReplicaPicker', () => {
  it('takes turns over the ready replicas', () => {
    const picker = new ReplicaPicker();
    const a = app([1, 2, 3]);
    expect([1, 2, 3, 4, 5, 6].map(() => picker.pick(a)?.port)).toEqual([1, 2, 3, 1, 2, 3]);
  });

  it('has nothing to pick when no replica is ready', () => {
    expect(new ReplicaPicker().pick(app([]))).toBeNull();
  });

  it('skips the replica a retry must avoid', () => {
    const picker = new ReplicaPicker();
    expect(picker.pick(app([1, 2]), { host: '127.0.0.1', port: 1 })?.port).toBe(2);
    expect(picker.pick(app([1]), { host: '127.0.0.1', port: 1 })).toBeNull();
  });

  it('leaves a replica that refused a connection out until ejectMs has passed', () => {
    let now = 0;
    const picker = new ReplicaPicker(1_000, () => now);
    const a = app([1, 2]);
    picker.eject({ host: '127.0.0.1', port: 1 });
    expect([1, 2, 3].map(() => picker.pick(a)?.port)).toEqual([2, 2, 2]);
    now = 1_000;
    expect(new Set([1, 2, 3, 4].map(() => picker.pick(a)?.port))).toEqual(new Set([1, 2]));
  });

  it('has nothing to pick when every replica refused', () => {
    const picker = new ReplicaPicker();
    picker.eject({ host: '127.0.0.1', port: 1 });
    expect(picker.pick(app([1]))).toBeNull();
  });
});
