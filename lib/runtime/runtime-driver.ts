/** Where the gateway sends an app's traffic. */
export interface Upstream {
  host: string;
  port: number;
}

export interface StartSpec {
  appId: string;
  image: string;
  /** The app's declared port (`defaultHttpPort`); informational for the process driver. */
  port: number;
}

/** Runs apps somewhere (child processes, Kubernetes, ...) and says where they answer. */
export interface RuntimeDriver {
  readonly name: string;
  /**
   * Starts the app and resolves once it answers a health probe; rejects with an Error whose message
   * is a human reason ("image X exited with code 1 before becoming healthy", "not healthy after 30 s").
   * Idempotent: starting a running (or starting) app resolves with its upstream.
   */
  start(spec: StartSpec): Promise<Upstream>;
  /** Stops it (SIGTERM, then SIGKILL after a grace period); resolves when the process is gone. No-op if not running. */
  stop(appId: string): Promise<void>;
  /** The running (healthy, not stopping) app's address, or null. Synchronous: the gateway calls it on every request. */
  upstream(appId: string): Upstream | null;
  /**
   * Called when a running app's process dies on its own (not via stop): reason like
   * "process exited with code 1" / "killed by SIGKILL". Not called for a failed start (start rejects instead).
   */
  onUnexpectedExit(listener: (appId: string, reason: string) => void): void;
  /** Stops every app (server shutdown); none left behind. */
  stopAll(): Promise<void>;
}
