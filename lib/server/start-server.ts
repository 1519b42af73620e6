import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import next from 'next';
import { getConfig, type Config } from '../config/config.ts';
import { resolveAuthSecret } from '../auth/auth-secret.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { setDatabase } from '../db/db.ts';
import { applyPendingMigrations, listPendingMigrations } from '../db/migrations.ts';
import { bootstrap } from '../bootstrap/bootstrap.ts';
import { parseAppHost } from '../apps/app-host.ts';
import { startController } from '../runtime/controller/start-controller.ts';
import { AccessResolver } from '../gateway/access-resolver.ts';
import { Gateway } from '../gateway/gateway.ts';
import { prismaGatewayStore } from '../gateway/gateway-store.ts';
import { startForwardAuth } from '../forward-auth/start-forward-auth.ts';
import { onChange } from '../events/change-bus.ts';
import { listenForChanges } from '../events/postgres-change-listener.ts';
import { recordTokenUse, tokenUseCounter } from '../tokens/record-token-use.ts';
import { errorEnvelope, writeJson } from '../http/error-envelope.ts';
import { setForwardedHeaders, setTrustedProxies } from '../http/forwarded-headers.ts';
import { parseIpRanges } from '../http/ip-ranges.ts';
import { hasDuplicateHost, hasMalformedPath, isApiPath } from './request-guards.ts';
import { setSecurityHeaders } from './security-headers.ts';

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

  const trusted = parseIpRanges(config.TRUSTED_PROXIES);
  setTrustedProxies(config.TRUSTED_PROXIES.length && 'list' in trusted ? trusted.list : null);

  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await prepareSchema(db, log);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  setDatabase(db);

  // Next's route handlers read these: next-auth signs sessions with the secret
  // and derives its URLs from the (sanitised) forwarded host.
  process.env.NEXTAUTH_SECRET = await resolveAuthSecret({ configured: config.AUTH_SECRET, prisma: db.prisma, dataDir: config.DATA_DIR });
  process.env.AUTH_TRUST_HOST = 'true';

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

  const store = prismaGatewayStore(db.prisma, (token, ip) => recordTokenUse(db.prisma, token, ip));
  const resolver = new AccessResolver(store);
  const gateway = new Gateway({ store, resolver, log });
  const stopListening = onChange((change) => {
    resolver.invalidate(change);
    if (change.kind === 'token') gateway.tokenChanged(change.id);
  });
  const changeListener = config.DATABASE_URL ? listenForChanges(config.DATABASE_URL, log) : null;
  const controller = await startController({ prisma: db.prisma, config, log });

  const forwardAuth = await startForwardAuth({ config, store, resolver, log });

  const nextApp = next({ dev: options.dev ?? false, dir: options.dir, hostname: config.HOST, port: config.PORT });
  await nextApp.prepare();
  const handle = nextApp.getRequestHandler();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // Host decides panel or which app: with two, a proxy in front and this server could each pick another.
    if (hasDuplicateHost(req)) {
      res.shouldKeepAlive = false;
      writeJson(res, 400, errorEnvelope('bad_request', 'Send exactly one Host header'));
      req.resume();
      return;
    }
    // The forward-auth decision endpoint, on any host (Envoy sends the app's own): docs/forward-auth/.
    if (forwardAuth.serve(req, res)) return;
    const appHost = parseAppHost(req.headers.host, config.BASE_DOMAIN);
    if (appHost) {
      const failed = (error: unknown) => {
        console.error('[tollgate] gateway error', error);
        if (!res.headersSent) writeJson(res, 500, errorEnvelope('internal', 'Internal error'));
        else res.destroy();
      };
      try {
        gateway.handle(req, res, appHost)?.catch(failed);
      } catch (error) {
        failed(error);
      }
      return;
    }
    setSecurityHeaders(req, res, { dev: options.dev });
    const tooLarge = panelBodyProblem(req);
    if (tooLarge) {
      writeJson(res, tooLarge.status, errorEnvelope('bad_request', tooLarge.message));
      req.resume();
      return;
    }
    if (hasMalformedPath(req.url)) {
      // Next would fail decoding it with a plain-text 500 that names its internals.
      if (isApiPath(req.url)) {
        writeJson(res, 400, errorEnvelope('bad_request', 'The request path has invalid percent-encoding'));
        req.resume();
        return;
      }
      // A path no route matches: Next renders the panel's own not-found page with
      // a 404, at the URL the browser asked for (no redirect to follow, nothing to
      // decode). Rewriting the URL keeps Next's full page pipeline (layout, nonce,
      // headers) where its deprecated render404 would not.
      req.url = NOT_FOUND_PATH;
    }
    setForwardedHeaders(req);
    handle(req, res).catch((error: unknown) => {
      console.error('[tollgate] request failed', error);
      if (!res.headersSent) writeJson(res, 500, errorEnvelope('internal', 'Internal error'));
      else res.destroy();
    });
  });
  const nextUpgrade = options.dev ? nextApp.getUpgradeHandler() : null;
  server.on('upgrade', (req, socket, head) => {
    if (hasDuplicateHost(req)) {
      const body = JSON.stringify({ error: { code: 'bad_request', message: 'Send exactly one Host header' } });
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    const appHost = parseAppHost(req.headers.host, config.BASE_DOMAIN);
    if (appHost) {
      gateway.upgrade(req, socket, head, appHost).catch((error: unknown) => {
        console.error('[tollgate] gateway upgrade error', error);
        socket.destroy();
      });
    } else if (nextUpgrade) void nextUpgrade(req, socket, head);
    else socket.destroy();
  });

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
      const closing = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closing;
      await forwardAuth.close();
      stopListening();
      await changeListener?.close();
      await controller.close();
      await nextApp.close();
      // Token use counted since the last write, before the database goes.
      await tokenUseCounter(db.prisma).flush();
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

// Matches no route, ever (App Router folders starting with _ are private), so
// Next answers it with the not-found page.
const NOT_FOUND_PATH = '/_tollgate/not-found';

// Next and next-auth buffer request bodies whole: cap them before they do.
// Browsers always send a length for the panel's forms and fetches.
const MAX_PANEL_BODY = 1024 * 1024;

function panelBodyProblem(req: IncomingMessage): { status: number; message: string } | null {
  if (req.headers['transfer-encoding'] !== undefined) return { status: 411, message: 'Send a Content-Length' };
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > MAX_PANEL_BODY) return { status: 413, message: 'Request body too large' };
  return null;
}
