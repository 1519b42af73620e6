// dockerode rejects with an Error carrying the HTTP status and Docker's JSON body; these read them
// without trusting their shape.

/** The HTTP status Docker answered with, or undefined for a transport error (socket gone, refused). */
export function dockerStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Docker's own message ("No such image: ...") rather than dockerode's "(HTTP code 404) ..." wrapper. */
export function dockerMessage(error: unknown): string {
  const json = (error as { json?: unknown } | null)?.json;
  if (json && typeof json === 'object' && typeof (json as { message?: unknown }).message === 'string') {
    return (json as { message: string }).message;
  }
  if (typeof json === 'string' && json.trim()) return json.trim();
  const message = error instanceof Error ? error.message : String(error);
  // "(HTTP code 500) server error - Get ...: no such host": the part after the wrapper is Docker's.
  return message.replace(/^\(HTTP code \d+\) [^-]*- /, '');
}

/** Runs `call`, turning "already gone" answers (404, and the given others) into undefined. */
export async function unlessGone<T>(call: () => Promise<T>, alsoIgnore: number[] = []): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    const status = dockerStatus(error);
    if (status === 404 || (status !== undefined && alsoIgnore.includes(status))) return undefined;
    throw error;
  }
}
