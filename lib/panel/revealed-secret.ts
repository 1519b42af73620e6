'use client';

import { useSyncExternalStore } from 'react';

// A token secret lives in this tab's memory only, between the response that
// carried it and the moment the user leaves the page it is shown on (the list,
// or the token's details page): never in a URL, storage, or the query cache,
// so a reload or a later visit cannot show it.

export interface RevealedSecret {
  tokenId: string;
  name: string;
  secret: string;
  kind: 'generated' | 'regenerated';
  /** The panel path the secret is shown on; leaving it forgets the secret. */
  page: string;
  /** After a Regenerate with a grace period: until when the secret it replaced still works. */
  oldSecretUntil: string | null;
}

let current: RevealedSecret | null = null;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export function revealSecret(secret: RevealedSecret): void {
  current = secret;
  emit();
}

/** The secret shown now, read outside React (the guard that forgets it). */
export function currentSecret(): RevealedSecret | null {
  return current;
}

export function forgetSecret(): void {
  if (current === null) return;
  current = null;
  emit();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useRevealedSecret(): RevealedSecret | null {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => null,
  );
}
