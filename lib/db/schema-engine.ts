// Prisma's schema engine, as WebAssembly, for `migrate deploy`-style work
// without Prisma's native `schema-engine` binary (which can't be downloaded
// everywhere). See docs/design.md, "Database".
//
// The package's main entry imports its .wasm file as an ES module, which Node
// refuses, so we instantiate the .wasm ourselves against the package's JS glue.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { ConstructorOptions, SchemaEngine } from '@prisma/schema-engine-wasm';
import { logger } from '../observability/logger.ts';

export type {
  DiffTarget,
  MigrationList,
  SchemaEngine,
  SchemaFilter,
  SchemasContainer,
} from '@prisma/schema-engine-wasm';

type EngineModule = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

interface PanicRegistry {
  set_message(message: string): void;
}

interface LoadedEngine {
  glue: EngineModule;
  /** Timers the engine set and that haven't fired (it never clears them itself). */
  timers: Set<ReturnType<typeof setTimeout>>;
  openEngines: number;
}

const holder = globalThis as typeof globalThis & {
  __tollgateSchemaEngine?: Promise<LoadedEngine>;
  PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry;
};

/** The engine's JS glue with its wasm instantiated: loaded once per process (kept on globalThis). */
function loadEngine(): Promise<LoadedEngine> {
  holder.__tollgateSchemaEngine ??= instantiate().catch((error: unknown) => {
    holder.__tollgateSchemaEngine = undefined;
    throw error;
  });
  return holder.__tollgateSchemaEngine;
}

/** Loads and starts the wasm engine (once per process); later calls are free. */
export async function loadSchemaEngineModule(): Promise<EngineModule> {
  return (await loadEngine()).glue;
}

async function instantiate(): Promise<LoadedEngine> {
  // A Rust panic inside the engine reports its message here before the call
  // fails. PrismaClient installs its own registry; keep it if present.
  holder.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message: string) {
      logger().error({ component: 'db' }, `Prisma schema engine panicked: ${message}`);
    },
  };
  const glue: EngineModule = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const wasmModule = await WebAssembly.compile(await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm')));

  // The engine arms a 10 s timeout (a JS setTimeout) around its work and never
  // clears it, which keeps a finished script alive for 10 s. Record them, to
  // clear them once no engine is open.
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const imports: Record<string, unknown> = { ...glue };
  for (const [name, fn] of Object.entries(glue)) {
    if (!name.startsWith('__wbg_setTimeout_') || typeof fn !== 'function') continue;
    imports[name] = (callback: () => void, ms: number) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        callback();
      }, ms >>> 0);
      timers.add(timer);
      return timer;
    };
  }
  const instance = await WebAssembly.instantiate(wasmModule, {
    './schema_engine_bg.js': imports as WebAssembly.ModuleImports,
  });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return { glue, timers, openEngines: 0 };
}

/** Any Prisma driver adapter factory; migration-aware ones (PrismaPg, PrismaPGlite) can also give a shadow database. */
export type AdapterFactory = SqlDriverAdapterFactory | SqlMigrationAwareDriverAdapterFactory;

export interface OpenSchemaEngineOptions {
  /** Prisma schema files ([path, content]) the engine starts with; rarely needed. */
  datamodels?: [string, string][];
  /** Receives the engine's log lines (JSON); silent by default. */
  log?: (line: string) => void;
}

export interface OpenSchemaEngine {
  engine: SchemaEngine;
  /**
   * Frees the engine, then disposes of every connection it opened through the
   * factory: the wasm engine never disposes of them itself (a PrismaPg pool
   * would otherwise stay open, and keep the process alive, until it idles out).
   */
  close(): Promise<void>;
}

/** A schema engine working through `adapterFactory`; call `close()` when done (`withSchemaEngine` does). */
export async function openSchemaEngine(adapterFactory: AdapterFactory, options: OpenSchemaEngineOptions = {}): Promise<OpenSchemaEngine> {
  const loaded = await loadEngine();
  const constructorOptions: ConstructorOptions = { datamodels: options.datamodels };
  const log = options.log ?? (() => {});
  const tracked = trackConnections(adapterFactory);
  const release = () => {
    loaded.openEngines -= 1;
    if (loaded.openEngines > 0) return;
    for (const timer of loaded.timers) clearTimeout(timer);
    loaded.timers.clear();
  };
  loaded.openEngines += 1;
  let engine: SchemaEngine;
  try {
    engine = await loaded.glue.SchemaEngine.new(constructorOptions, log, bindMigrationAwareSqlAdapterFactory(tracked.factory));
  } catch (error) {
    release();
    await tracked.disposeAll().catch(() => {});
    throw engineError(error);
  }
  let closed = false;
  return {
    engine,
    close: async () => {
      if (closed) return;
      closed = true;
      engine.free();
      release();
      await tracked.disposeAll();
    },
  };
}

/** Runs `fn` with a fresh engine over `adapterFactory`, then frees it and closes its connections. */
export async function withSchemaEngine<T>(
  adapterFactory: AdapterFactory,
  fn: (engine: SchemaEngine) => Promise<T>,
  options?: OpenSchemaEngineOptions,
): Promise<T> {
  const { engine, close } = await openSchemaEngine(adapterFactory, options);
  try {
    return await fn(engine);
  } catch (error) {
    throw engineError(error);
  } finally {
    await close();
  }
}

/** A migration-aware factory that keeps hold of every connection it hands out, to dispose of them at the end. */
function trackConnections(factory: AdapterFactory): { factory: SqlMigrationAwareDriverAdapterFactory; disposeAll(): Promise<void> } {
  const open = new Set<SqlDriverAdapter>();
  const track = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    const dispose = adapter.dispose.bind(adapter);
    let disposed: Promise<void> | undefined;
    adapter.dispose = () => {
      open.delete(adapter);
      disposed ??= dispose();
      return disposed;
    };
    open.add(adapter);
    oneSession(adapter, factory);
    return withWholeScripts(adapter);
  };
  const connectToShadowDb =
    'connectToShadowDb' in factory && typeof factory.connectToShadowDb === 'function'
      ? () => (factory as SqlMigrationAwareDriverAdapterFactory).connectToShadowDb().then(track)
      : // Applying and diagnosing without a shadow database never need one.
        () => Promise.reject(new Error(`${factory.adapterName} cannot open a shadow database`));
  return {
    factory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: () => factory.connect().then(track),
      connectToShadowDb,
    },
    disposeAll: async () => {
      const results = await Promise.allSettled([...open].map((adapter) => adapter.dispose()));
      const failed = results.find((result) => result.status === 'rejected');
      if (failed) throw engineError(failed.reason);
    },
  };
}

/**
 * Prisma's engine works on one PostgreSQL session: it takes
 * `pg_advisory_lock(72707369)` so that two `migrate deploy`s don't interleave,
 * and keeps the lock for as long as the session lives. A PrismaPg adapter's
 * private pool would run that on any of its connections (and close it after
 * 10 s idle, dropping the lock mid-run), so the engine's pools get one
 * connection that never idles out; it closes when the engine is closed.
 */
function oneSession(adapter: SqlDriverAdapter, factory: AdapterFactory): void {
  const internals = adapter as SqlDriverAdapter & { underlyingDriver?: () => unknown };
  if (adapter.adapterName !== '@prisma/adapter-pg' || typeof internals.underlyingDriver !== 'function') return;
  const pool = internals.underlyingDriver() as { options?: { max?: number; idleTimeoutMillis?: number } } | undefined;
  // A pool the application passed in is shared: leave it alone.
  if (!pool?.options || pool === (factory as { externalPool?: unknown }).externalPool) return;
  pool.options.max = 1;
  pool.options.idleTimeoutMillis = 0;
}

/**
 * The engine runs each migration file through `executeScript`, and the two
 * adapters we use get it wrong in ways that matter for migrations:
 * - pglite-prisma-adapter 0.7 doesn't await the script: a failing migration is
 *   recorded as applied and its error surfaces as an unhandled rejection.
 * - @prisma/adapter-pg splits the script on every `;` (breaking `$$` bodies and
 *   string literals) and runs the pieces on whichever pooled connection is free.
 * Prisma's native engine sends the whole file as one simple-protocol query (one
 * implicit transaction); we do the same on the adapter's own client.
 */
function withWholeScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const internals = adapter as SqlDriverAdapter & {
    client?: unknown;
    onError?: (error: unknown) => never;
    underlyingDriver?: () => unknown;
  };
  const rethrow = (error: unknown): never => {
    // The adapters' own error mapping (to DriverAdapterError), so the engine reports it like theirs.
    if (typeof internals.onError === 'function') internals.onError(error);
    throw error;
  };
  if (adapter.adapterName === 'pglite-prisma-adapter' && hasScriptMethod(internals.client, 'exec')) {
    const client = internals.client;
    adapter.executeScript = async (script: string) => {
      await client.exec(script).catch(rethrow);
    };
  } else if (adapter.adapterName === '@prisma/adapter-pg' && typeof internals.underlyingDriver === 'function') {
    const pool = internals.underlyingDriver();
    if (hasScriptMethod(pool, 'query')) {
      adapter.executeScript = async (script: string) => {
        await pool.query(script).catch(rethrow);
      };
    }
  }
  return adapter;
}

function hasScriptMethod<K extends string>(value: unknown, key: K): value is Record<K, (script: string) => Promise<unknown>> {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[key] === 'function';
}

/** Turns whatever the engine rejects with into an Error with a readable message. */
export function engineError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (typeof error === 'string') return new Error(error);
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') {
    return Object.assign(new Error(error.message), error);
  }
  return new Error(String(error));
}
