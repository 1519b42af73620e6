// The last line of defence for "secrets are never printed": every byte the CLI writes goes
// through here, and anything shaped like a Tollgate token, or equal to the token in use, is
// masked. Commands should never print the token in the first place; this catches echoes
// (an error quoting an argument, a server message quoting a header).

import type { OutputStream } from './cli-io.ts';

const TOKEN_LIKE = /tg_[0-9A-Za-z]{16,}/g;
export const REDACTED = 'tg_[redacted]';

export function redact(text: string, secrets: readonly string[]): string {
  let out = text.replace(TOKEN_LIKE, REDACTED);
  for (const secret of secrets) {
    // Short values would mask ordinary words; a real secret is long.
    if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** A stream that masks `secrets()` (read at every write, so secrets learned later count). */
export function redactingStream(stream: OutputStream, secrets: () => readonly string[]): OutputStream {
  return {
    isTTY: stream.isTTY,
    write: (text) => stream.write(redact(text, secrets())),
  };
}
