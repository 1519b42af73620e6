'use client';

import { useSyncExternalStore } from 'react';

// A token secret lives in this tab's memory only, between the response that
// carried it and the moment the user leaves the token list: never in a URL,
// storage, or the query cache, so a reload or a later visit cannot show it.

export interface RevealedSecret {
  tokenId: string;
  name: string;
  secret: string;
  kind: 'generated' | 'regenerated';
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
