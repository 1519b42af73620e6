'use client';

import { useSyncExternalStore } from 'react';

// A one-line confirmation after a token action ("Token “ci” deleted."), kept
// in memory for the page it belongs to: Delete on a details page goes back to
// the list, and the list is where it is said.

export interface TokenNotice {
  text: string;
  page: string;
}

let current: TokenNotice | null = null;
const listeners = new Set<() => void>();

export function announceToken(notice: TokenNotice): void {
  current = notice;
  for (const listener of listeners) listener();
}

export function clearTokenNotice(): void {
  if (current === null) return;
  current = null;
  for (const listener of listeners) listener();
}

export function currentTokenNotice(): TokenNotice | null {
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The notice for `page`, if there is one. */
export function useTokenNotice(page: string): string | null {
  const notice = useSyncExternalStore(
    subscribe,
    () => current,
    () => null,
  );
  return notice?.page === page ? notice.text : null;
}
