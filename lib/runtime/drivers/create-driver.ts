import Dockerode from 'dockerode';
import type { Config } from '../../config/config.ts';
import { DockerDriver } from './docker/docker-driver.ts';
import { ProcessDriver } from './process/process-driver.ts';
import { SwarmDriver } from './swarm/swarm-driver.ts';
import type { RuntimeDriver } from './runtime-driver.ts';

export type RuntimeName = RuntimeDriver['name'];

/** RUNTIME=auto: Docker when its socket answers (within 2 s), else local processes. */
export async function resolveRuntime(config: Pick<Config, 'RUNTIME'>, log: (line: string) => void): Promise<RuntimeName> {
  if (config.RUNTIME !== 'auto') return config.RUNTIME;
  try {
    await Promise.race([
      new Dockerode().ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 2 s')), 2_000).unref()),
    ]);
    return 'docker';
  } catch (error) {
    log(`RUNTIME=auto: no Docker engine (${error instanceof Error ? error.message : String(error)}), running apps as local processes`);
    return 'process';
  }
}

/** A driver for one leadership term: the controller closes it when it stops. */
export function createDriver(runtime: RuntimeName, config: Pick<Config, 'RUNTIME_NAMESPACE' | 'SWARM_NETWORK'>, log: (line: string) => void): RuntimeDriver {
  switch (runtime) {
    case 'docker':
      return new DockerDriver({ namespace: config.RUNTIME_NAMESPACE, warn: log });
    case 'process':
      return new ProcessDriver({ log: (line: string) => log(line) });
    case 'swarm':
      return new SwarmDriver({ namespace: config.RUNTIME_NAMESPACE, network: config.SWARM_NETWORK ?? null, warn: log });
  }
}
