/** Calls one listener; what it throws is reported, not thrown: a listener's bug must not break a rollout halfway. */
export function deliver<E>(listener: (event: E) => void, event: E, report: (message: string) => void): void {
  try {
    listener(event);
  } catch (error) {
    report(`runtime event listener failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A driver's `onEvent` subscribers: each event goes to every one of them, whatever the others throw. */
export class EventFanOut<E> {
  private readonly listeners = new Set<(event: E) => void>();

  /** @param report where a listener's failure goes (the driver's warnings). */
  constructor(private readonly report: (message: string) => void) {}

  /** Returns the unsubscribe. */
  add(listener: (event: E) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: E): void {
    for (const listener of this.listeners) deliver(listener, event, this.report);
  }
}
