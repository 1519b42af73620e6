import { IMAGE_NAMES } from './image-catalog.ts';

// Which images the process's runtime can run: every image on an engine
// (docker, swarm), only the built-ins as local processes. Set once at start by
// server.ts, read by Next's route handlers through globalThis.
const holder = globalThis as typeof globalThis & { __tollgateRuntimeName?: string };

export function setRuntimeName(name: string | undefined): void {
  holder.__tollgateRuntimeName = name;
}

/** The images a new app may use here, or null for "any image". */
export function supportedImages(): readonly string[] | null {
  return holder.__tollgateRuntimeName === 'process' ? IMAGE_NAMES : null;
}
