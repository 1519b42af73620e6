import { RuntimeError, type RunSpec } from '../runtime-driver.ts';

const validPort = (p: number) => Number.isInteger(p) && p > 0 && p < 65536;

/** What every driver refuses in a RunSpec before touching anything: replicas, ports, probe path. */
export function checkSpec(spec: RunSpec): void {
  if (!Number.isInteger(spec.replicas) || spec.replicas < 0) throw new RuntimeError(`replicas must be a whole number ≥ 0, got ${spec.replicas}`);
  if (!validPort(spec.port) || !validPort(spec.probe.port)) throw new RuntimeError(`ports must be 1-65535, got ${spec.port} and ${spec.probe.port}`);
  if (!spec.probe.path.startsWith('/')) throw new RuntimeError(`the probe path must start with "/", got "${spec.probe.path}"`);
}
