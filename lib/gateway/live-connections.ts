/**
 * Long-lived proxied connections (SSE responses, WebSockets, slow downloads)
 * by the token that opened them, so regenerating or deleting a token can cut
 * them off instead of letting them run on an old secret.
 */
export class LiveConnections {
  private readonly byToken = new Map<string, Set<() => void>>();

  /** Registers a connection; returns the function to call when it ends by itself. */
  add(tokenId: string, close: () => void): () => void {
    let set = this.byToken.get(tokenId);
    if (!set) this.byToken.set(tokenId, (set = new Set()));
    set.add(close);
    return () => {
      set.delete(close);
      if (set.size === 0 && this.byToken.get(tokenId) === set) this.byToken.delete(tokenId);
    };
  }

  closeToken(tokenId: string): number {
    const set = this.byToken.get(tokenId);
    if (!set) return 0;
    this.byToken.delete(tokenId);
    for (const close of set) close();
    return set.size;
  }
}
