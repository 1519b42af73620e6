import type { Config } from '../../config/config.ts';
import type { PrismaClient } from '../../db/generated/client.ts';
import { createDriver, resolveRuntime, type RuntimeName } from '../drivers/create-driver.ts';
import { setFollowerLogSource } from '../log-reader.ts';
import type { RuntimeEvent } from '../drivers/runtime-driver.ts';
import { setInstanceName, setRuntimeName } from '../runtime-identity.ts';
import { AppController, setAppController } from './app-controller.ts';
import { postgresLease, soleLeader } from './leader-lease.ts';
import { recordLeadership, renewLeadership } from './lease-record.ts';

const RENEW_MS = 5_000;

/** What metrics want to know of the controller: leadership, and the engine's crash hints. */
export interface ControllerObserver {
  leading(leading: boolean): void;
  runtimeEvent(event: RuntimeEvent): void;
}

export interface RunningController {
  runtime: RuntimeName;
  /** This instance's name, as the lease records it. */
  instance: string;
  close(): Promise<void>;
}

/**
 * Runs the app controller on this instance while it holds the lease: always
 * on the embedded database, on one instance at a time on PostgreSQL. Each
 * leadership term gets its own driver and controller, reconciled from what the
 * engine runs.
 */
export async function startController(options: {
  prisma: PrismaClient;
  config: Config;
  log: (line: string) => void;
  observer?: ControllerObserver;
}): Promise<RunningController> {
  const { prisma, config, log, observer } = options;
  const runtime = await resolveRuntime(config, log);
  setRuntimeName(runtime);
  const lease = config.DATABASE_URL ? postgresLease(config.DATABASE_URL, log) : soleLeader();
  let controller: AppController | undefined;
  let renewing: NodeJS.Timeout | undefined;
  await lease.start({
    lead: async () => {
      await recordLeadership(prisma, lease.instance, runtime);
      renewing = setInterval(() => void renewLeadership(prisma, lease.instance).catch(() => {}), RENEW_MS);
      renewing.unref();
      const driver = createDriver(runtime, config, log);
      if (observer) driver.onEvent(observer.runtimeEvent);
      controller = new AppController(prisma, driver, { log });
      setAppController(controller);
      observer?.leading(true);
      await controller.reconcile();
    },
    lose: async () => {
      clearInterval(renewing);
      const stopping = controller;
      controller = undefined;
      setAppController(undefined);
      observer?.leading(false);
      await stopping?.close();
    },
  });
  setInstanceName(lease.instance);
  // A driver that runs nothing and subscribes to nothing: it only reads what the engine logged.
  setFollowerLogSource(runtime === 'process' ? null : createDriver(runtime, config, log));
  log(`runtime: ${runtime}`);
  return { runtime, instance: lease.instance, close: () => lease.close() };
}
