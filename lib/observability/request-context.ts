import { AsyncLocalStorage } from 'node:async_hooks';

/** Who made a panel or /v1 request, as far as the handler found out: for its access line. */
export interface RequestCaller {
  tokenId?: string;
  tokenName?: string;
  userId?: string;
}

// Set by server.ts around Next's handler, read and written by route handlers in
// Next's bundles: one instance per process, through globalThis.
const holder = globalThis as typeof globalThis & { __tollgateRequestContext?: AsyncLocalStorage<RequestCaller> };

export function requestContext(): AsyncLocalStorage<RequestCaller> {
  return (holder.__tollgateRequestContext ??= new AsyncLocalStorage<RequestCaller>());
}

/** Records the request's caller for the access line (never a secret: ids and the token's name). */
export function noteCaller(caller: { kind: 'token'; token: { id: string; name: string } } | { kind: 'user'; userId: string }): void {
  const store = requestContext().getStore();
  if (!store) return;
  if (caller.kind === 'token') {
    store.tokenId = caller.token.id;
    store.tokenName = caller.token.name;
  } else {
    store.userId = caller.userId;
  }
}
