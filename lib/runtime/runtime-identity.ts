// What this process runs: the runtime (which decides which images a new app may use) and the
// instance name, set once at start by server.ts and read by Next's route handlers.
import { IMAGE_NAMES } from './image-catalog.ts';

// Which images the process's runtime can run: every image on an engine
// (docker, swarm), only the built-ins as local processes. Set once at start by
// server.ts, read by Next's route handlers through globalThis.
const holder = globalThis as typeof globalThis & { __tollgateRuntimeName?: string; __tollgateInstanceName?: string };

export function setRuntimeName(name: string | undefined): void {
  holder.__tollgateRuntimeName = name;
}

export function runtimeNameOfThisProcess(): string | null {
  return holder.__tollgateRuntimeName ?? null;
}

/** The images a new app may use here, or null for "any image". */
export function supportedImages(): readonly string[] | null {
  return holder.__tollgateRuntimeName === 'process' ? IMAGE_NAMES : null;
}

/** This process's name among the instances (host:pid), for the panel. */
export function setInstanceName(name: string): void {
  holder.__tollgateInstanceName = name;
}

export function instanceNameOfThisProcess(): string | null {
  return holder.__tollgateInstanceName ?? null;
}
