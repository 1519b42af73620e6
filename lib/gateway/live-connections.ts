/**
 * Long-lived proxied connections (SSE responses, WebSockets, slow downloads)
 * by the token that opened them and the version of its secret they used, so
 * regenerating or deleting a token can cut them off instead of letting them
 * run on a secret that no longer works.
 */
export class LiveConnections {
  private readonly byToken = new Map<string, Map<() => void, number>>();

  /** Registers a connection; returns the function to call when it ends by itself. */
  add(tokenId: string, secretVersion: number, close: () => void): () => void {
    let entries = this.byToken.get(tokenId);
    if (!entries) this.byToken.set(tokenId, (entries = new Map()));
    entries.set(close, secretVersion);
    return () => {
      entries.delete(close);
      if (entries.size === 0 && this.byToken.get(tokenId) === entries) this.byToken.delete(tokenId);
    };
  }

  /** Closes the token's connections whose secret version no longer works; all of them by default. */
  closeToken(tokenId: string, stillValid: (secretVersion: number) => boolean = () => false): number {
    const entries = this.byToken.get(tokenId);
    if (!entries) return 0;
    let closed = 0;
    for (const [close, version] of entries) {
      if (stillValid(version)) continue;
      entries.delete(close);
      close();
      closed++;
    }
    if (entries.size === 0) this.byToken.delete(tokenId);
    return closed;
  }
}
