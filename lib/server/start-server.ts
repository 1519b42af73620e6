import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import next from 'next';
import { getConfig, type Config } from '../config/config.ts';
import { resolveAuthSecret } from '../auth/auth-secret.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { setDatabase } from '../db/db.ts';
import { applyPendingMigrations, listPendingMigrations } from '../db/migrations.ts';
import { bootstrap } from '../bootstrap/bootstrap.ts';
import { parseAppHost } from './app-host.ts';
import { setForwardedHeaders } from './forwarded-headers.ts';

export class StartupError extends Error {
  override name = 'StartupError';
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Opens the database, brings it up to date, seeds a first start, then serves panel and gateway on one port. */
export async function startServer(options: { dev?: boolean; dir: string; config?: Config }): Promise<RunningServer> {
  const config = options.config ?? getConfig();
  const log = (line: string) => console.log(`[tollgate] ${line}`);

  // Next's route handlers read these: next-auth signs sessions with the secret
  // and derives its URLs from the (sanitised) forwarded host.
  process.env.NEXTAUTH_SECRET = resolveAuthSecret(config.AUTH_SECRET, config.DATA_DIR);
  process.env.AUTH_TRUST_HOST = 'true';

  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await prepareSchema(db, log);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  setDatabase(db);

  const seeded = await bootstrap({
    prisma: db.prisma,
    adminEmail: config.ADMIN_EMAIL,
    adminPassword: config.ADMIN_PASSWORD,
    regions: config.REGIONS,
  });
  if (seeded.created) {
    log(`first start: created admin ${config.ADMIN_EMAIL}, project "demo" and its hello-world app`);
    if (seeded.generatedPassword) {
      log(`admin password (shown once; set ADMIN_PASSWORD to choose your own): ${seeded.generatedPassword}`);
    }
  }

  const nextApp = next({ dev: options.dev ?? false, dir: options.dir, hostname: config.HOST, port: config.PORT });
  await nextApp.prepare();
  const handle = nextApp.getRequestHandler();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (parseAppHost(req.headers.host, config.BASE_DOMAIN)) {
      // The gateway lands here; until then app hosts are not served.
      sendJson(res, 404, { error: { code: 'not_found', message: 'No app is served at this address' } });
      return;
    }
    setForwardedHeaders(req);
    handle(req, res).catch((error: unknown) => {
      console.error('[tollgate] request failed', error);
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal', message: 'Internal error' } });
      else res.destroy();
    });
  });
  if (options.dev) {
    const upgrade = nextApp.getUpgradeHandler();
    server.on('upgrade', (req, socket, head) => {
      if (parseAppHost(req.headers.host, config.BASE_DOMAIN)) socket.destroy();
      else void upgrade(req, socket, head);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const shownHost = config.HOST === '127.0.0.1' || config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  const url = `http://${shownHost}:${config.PORT}`;
  log(`panel on ${url} (${db.describe})`);

  return {
    url,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await nextApp.close();
      await db.close();
    },
  };
}

async function prepareSchema(db: Database, log: (line: string) => void): Promise<void> {
  if (db.kind === 'embedded') {
    const applied = await applyPendingMigrations(db.adapterFactory);
    for (const name of applied) log(`applied migration ${name}`);
    return;
  }
  const pending = await listPendingMigrations(db.adapterFactory);
  if (pending.length > 0) {
    throw new StartupError(
      `${db.describe} has ${pending.length} pending migration(s) (${pending.join(', ')}); run \`npm run db:migrate\` first`,
    );
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

