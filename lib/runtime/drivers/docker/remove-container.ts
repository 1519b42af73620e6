import type Dockerode from 'dockerode';
import { dockerStatus } from './docker-error.ts';
import { STOP_GRACE_SECONDS } from './container-spec.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Stops a container (SIGTERM, then SIGKILL after the grace period) and deletes it, exited ones
 * included; resolves once Docker no longer knows it. A container that is already stopped (304) or
 * gone (404) is fine: two removals of one app may race, and the outcome is the same.
 */
export async function removeContainer(docker: Dockerode, id: string, graceSeconds = STOP_GRACE_SECONDS): Promise<void> {
  const container = docker.getContainer(id);
  try {
    // An explicit stop (not just remove --force) gives the app its SIGTERM and grace period, and
    // tells Docker's restart manager not to restart it.
    await container.stop({ t: graceSeconds });
  } catch (error) {
    const status = dockerStatus(error);
    if (status === 404) return;
    if (status !== 304) throw error;
  }
  for (;;) {
    try {
      await container.remove({ force: true, v: true });
      return;
    } catch (error) {
      const status = dockerStatus(error);
      if (status === 404) return;
      // 409: "removal already in progress" (another caller): wait for it to finish.
      if (status !== 409) throw error;
      await sleep(100);
      if ((await container.inspect().catch((e: unknown) => (dockerStatus(e) === 404 ? null : e))) === null) return;
    }
  }
}
