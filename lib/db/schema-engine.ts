// Prisma's schema engine, as WebAssembly, for `migrate deploy`-style work
// without Prisma's native `schema-engine` binary (which can't be downloaded
// everywhere). See DESIGN.md § Database.
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

const holder = globalThis as typeof globalThis & {
  __tollgateSchemaEngineModule?: Promise<EngineModule>;
  PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry;
};

/** The engine's JS glue with its wasm instantiated: loaded once per process (kept on globalThis). */
export function loadSchemaEngineModule(): Promise<EngineModule> {
  holder.__tollgateSchemaEngineModule ??= instantiate().catch((error: unknown) => {
    holder.__tollgateSchemaEngineModule = undefined;
    throw error;
  });
  return holder.__tollgateSchemaEngineModule;
}

async function instantiate(): Promise<EngineModule> {
  // A Rust panic inside the engine reports its message here before the call
  // fails. PrismaClient installs its own registry; keep it if present.
  holder.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message: string) {
      console.error(`[tollgate] Prisma schema engine panicked: ${message}`);
    },
  };
  const glue: EngineModule = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const require = createRequire(import.meta.url);
  const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm');
  const wasmModule = await WebAssembly.compile(await readFile(wasmPath));
  const instance = await WebAssembly.instantiate(wasmModule, {
    './schema_engine_bg.js': glue as unknown as WebAssembly.ModuleImports,
  });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue;
}

/** Any Prisma driver adapter factory; migration-aware ones (PrismaPg, PrismaPGlite) also give a shadow database. */
export type AdapterFactory = SqlDriverAdapterFactory | SqlMigrationAwareDriverAdapterFactory;

export interface OpenSchemaEngineOptions {
  /** Prisma schema files ([path, content]) the engine starts with; rarely needed. */
  datamodels?: [string, string][];
  /** Receives the engine's log lines (JSON); silent by default. */
  log?: (line: string) => void;
}

/**
 * A schema engine working through `adapterFactory`. Free it with `engine.free()`
 * when done (`withSchemaEngine` does so). The engine opens its connections
 * through the factory's `connect()` and disposes of them itself.
 */
export async function openSchemaEngine(adapterFactory: AdapterFactory, options: OpenSchemaEngineOptions = {}): Promise<SchemaEngine> {
  const glue = await loadSchemaEngineModule();
  const constructorOptions: ConstructorOptions = { datamodels: options.datamodels };
  const log = options.log ?? (() => {});
  const bound = bindMigrationAwareSqlAdapterFactory(migrationAware(adapterFactory));
  return glue.SchemaEngine.new(constructorOptions, log, bound);
}

/** Runs `fn` with a fresh engine over `adapterFactory` and frees the engine afterwards. */
export async function withSchemaEngine<T>(
  adapterFactory: AdapterFactory,
  fn: (engine: SchemaEngine) => Promise<T>,
  options?: OpenSchemaEngineOptions,
): Promise<T> {
  const engine = await openSchemaEngine(adapterFactory, options);
  try {
    return await fn(engine);
  } finally {
    engine.free();
  }
}

function migrationAware(factory: AdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  const shadow =
    'connectToShadowDb' in factory && typeof factory.connectToShadowDb === 'function'
      ? () => (factory as SqlMigrationAwareDriverAdapterFactory).connectToShadowDb().then(withWholeScripts)
      : // Applying and diagnosing (without shadow database) never need one.
        () => Promise.reject(new Error(`${factory.adapterName} cannot open a shadow database`));
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect().then(withWholeScripts),
    connectToShadowDb: shadow,
  };
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
    if (typeof internals.onError === 'function') internals.onError(error);
    throw error;
  };
  if (adapter.adapterName === 'pglite-prisma-adapter' && hasMethod(internals.client, 'exec')) {
    const client = internals.client;
    adapter.executeScript = async (script: string) => {
      await client.exec(script).catch(rethrow);
    };
  } else if (adapter.adapterName === '@prisma/adapter-pg' && typeof internals.underlyingDriver === 'function') {
    const pool = internals.underlyingDriver();
    if (hasMethod(pool, 'query')) {
      adapter.executeScript = async (script: string) => {
        await pool.query(script).catch(rethrow);
      };
    }
  }
  return adapter;
}

function hasMethod<K extends string>(value: unknown, key: K): value is Record<K, (script: string) => Promise<unknown>> {
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
