import type Dockerode from 'dockerode';
import { probeHttp } from '../../probe.ts';
import { pause } from '../shared/pause.ts';
import { crashReason } from './docker-events.ts';
import { inspectManaged, type ManagedContainer } from './managed-containers.ts';
import { replicaAddress } from './observe-containers.ts';

const PROBE_INTERVAL_MS = 200;

export interface WaitReadyOptions {
  timeoutMs: number;
  probeTimeoutMs: number;
  /**
   * A new replica fails at its first crash: a new generation that crashes once would crash again,
   * and waiting out the back-off only delays the verdict. An adopted one may be mid-restart: it
   * fails only when Docker gives up on it (exited) or the time runs out.
   */
  tolerateRestarts: boolean;
  /** Resolves with the exit code of the container's first exit (Docker's wait, next-exit). */
  firstExit?: Promise<number | null>;
  signal?: AbortSignal;
}

/** Why a replica did not become ready; `containerId` is where its last output is. */
export class NotReadyError extends Error {
  constructor(
    message: string,
    readonly containerId: string,
  ) {
    super(message);
  }
}

/**
 * Resolves once the container's probe (`GET probe.path` on the published probe port, through
 * 127.0.0.1) answers 2xx/3xx; rejects with a NotReadyError when it crashes, or after `timeoutMs`.
 */
export async function waitReady(docker: Dockerode, id: string, options: WaitReadyOptions): Promise<ManagedContainer> {
  const deadline = Date.now() + options.timeoutMs;
  let baseline: number | null = null;
  let lastReason = 'its probe never answered';
  // The exit code of a container Docker already restarted is gone from inspect (it reads 0 while
  // running): Docker's wait keeps the one it exited with.
  let exitCode: number | null = null;
  let exited = false;
  void options.firstExit?.then(
    (code) => ((exitCode = code), (exited = true)),
    () => {},
  );
  for (;;) {
    if (options.signal?.aborted) throw new NotReadyError('the rollout was aborted', id);
    const container = await inspectManaged(docker, id);
    if (!container) throw new NotReadyError('its container disappeared', id);
    baseline ??= container.restartCount;
    const gaveUp = container.status === 'exited' || container.status === 'dead';
    const crashed = !options.tolerateRestarts && (exited || container.restartCount > baseline || container.status === 'restarting');
    if (gaveUp || crashed) {
      // Docker's wait answers soon after the exit; on a loaded engine it can take seconds.
      if (!exited && options.firstExit) await pause(5_000, undefined, options.firstExit);
      const why = container.error ?? crashReason(exitCode ?? container.exitCode, container.oomKilled);
      throw new NotReadyError(`${why} before becoming ready`, id);
    }
    if (container.status === 'running') {
      const address = replicaAddress(container, container.probe.port);
      if (address) {
        const probe = await probeHttp(address, container.probe.path, options.probeTimeoutMs);
        if (probe.ok) return container;
        lastReason = `its probe failed: ${probe.reason}`;
      }
    }
    if (Date.now() >= deadline) throw new NotReadyError(`not ready after ${options.timeoutMs / 1000} s: ${lastReason}`, id);
    await pause(PROBE_INTERVAL_MS, options.signal, options.firstExit);
  }
}
