import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import next from 'next';
import { getConfig, panelOrigin, type Config } from '../config/config.ts';
import { AssertionSigner } from '../identity/identity-assertion.ts';
import { cachedSigningKey } from '../identity/signing-keys.ts';
import { resolveAuthSecret } from '../auth/auth-secret.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { setDatabase } from '../db/db.ts';
import { applyPendingMigrations, listMigrationDirs, listPendingMigrations } from '../db/migrations.ts';
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
import { GatewayTelemetry } from '../observability/gateway-telemetry.ts';
import { serveHealth } from '../observability/health-routes.ts';
import { componentLogger, createLogger, lineLogger, logger, resolveFormat, routeConsole, setLogger } from '../observability/logger.ts';
import { Metrics } from '../observability/metrics.ts';
import { startMetricsServer, type MetricsServer } from '../observability/metrics-server.ts';
import { observePanelRequest } from '../observability/panel-access.ts';
import { Readiness } from '../observability/readiness.ts';
import { requestContext } from '../observability/request-context.ts';
import { getAppController } from '../runtime/controller/app-controller.ts';
import { onProbeResult } from '../runtime/probe.ts';

export class StartupError extends Error {
  override name = 'StartupError';
}

export interface RunningServer {
  url: string;
  /** The METRICS_PORT listener's URL, when there is one. */
  metricsUrl?: string;
  /**
   * Graceful: readiness turns 503, new connections are refused, WebSockets get
   * Close 1001 and event streams end, requests in flight get up to
   * SHUTDOWN_TIMEOUT to finish; then the controller stops (the process runtime
   * stops its apps; docker leaves them for the next start to adopt).
   */
  close(): Promise<void>;
}

/** Opens the database, brings it up to date, seeds a first start, then serves panel and gateway on one port. */
export async function startServer(options: { dev?: boolean; dir: string; config?: Config }): Promise<RunningServer> {
  const config = options.config ?? getConfig();
  setLogger(createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT }));
  if (resolveFormat(config.LOG_FORMAT) === 'json') routeConsole(logger().child({ component: 'console' }));
  const log = lineLogger('server');
  const serverLog = componentLogger('server');

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

  const metrics = new Metrics();
  const access = config.ACCESS_LOG ? logger().child({ component: 'access' }) : null;
  const telemetry = new GatewayTelemetry(metrics, access);
  const store = prismaGatewayStore(db.prisma, (token, ip) => recordTokenUse(db.prisma, token, ip));
  const resolver = new AccessResolver(store, { observer: telemetry });
  const assertions = new AssertionSigner(panelOrigin(config), cachedSigningKey(db.prisma));
  const gateway = new Gateway({ store, resolver, log: lineLogger('gateway'), observer: telemetry, assertions, panelOrigin: panelOrigin(config) });
  const stopListening = onChange((change) => {
    resolver.invalidate(change);
    if (change.kind === 'token') gateway.tokenChanged(change.id);
  });
  const changeListener = config.DATABASE_URL
    ? listenForChanges(config.DATABASE_URL, lineLogger('changes'), { onChange: (change) => metrics.changeReceived(change) })
    : null;
  const stopProbes = onProbeResult((result) => metrics.probe(result.ok));
  // App output keeps its own prefix ("[app <id8>/<slot>] …"), as its own component.
  const controllerLog = componentLogger('controller');
  const appLog = componentLogger('app');
  const runtimeLog = (line: string) => (line.startsWith('[app ') ? appLog() : controllerLog()).info(line);
  const controller = await startController({
    prisma: db.prisma,
    config,
    log: runtimeLog,
    observer: { leading: (leading) => metrics.leading(leading), runtimeEvent: (event) => metrics.runtimeEvent(event) },
  });
  metrics.readAppStatesWith(async () => {
    const rows = await db.prisma.app.groupBy({ by: ['state'], _count: { _all: true } });
    return Object.fromEntries(rows.map((row) => [row.state, row._count._all]));
  });
  if (changeListener) metrics.readListenerWith(changeListener.connected);
  const shippedMigrations = (await listMigrationDirs()).map((dir) => dir.name);
  const readiness = new Readiness({
    prisma: db.prisma,
    migrations: shippedMigrations,
    listenerConnected: changeListener ? changeListener.connected : null,
    // Only the leader has a controller (and a driver): a follower runs no apps, so it does not
    // ask the engine; it still routes to the replicas the leader wrote down.
    pingRuntime: async () => {
      const leader = getAppController();
      if (!leader) return `skipped: ${controller.instance} does not lead the controller`;
      await leader.driver.ping();
      return leader.driver.name;
    },
  });

  const forwardAuth = await startForwardAuth({ config, store, resolver, assertions, log });

  const nextApp = next({ dev: options.dev ?? false, dir: options.dir, hostname: config.HOST, port: config.PORT });
  await nextApp.prepare();
  const handle = nextApp.getRequestHandler();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // Shutting down: this request is served, then its connection closes.
    if (readiness.isDraining) res.shouldKeepAlive = false;
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
        serverLog().error({ err: error, requestId: req.headers['x-request-id'] }, 'gateway error');
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
    if (serveHealth(req, res, readiness, { details: false })) return;
    const caller = observePanelRequest(req, res, metrics, access);
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
    requestContext().run(caller, () =>
      handle(req, res).catch((error: unknown) => {
        serverLog().error({ err: error, requestId: req.headers['x-request-id'] }, 'request failed');
        if (!res.headersSent) writeJson(res, 500, errorEnvelope('internal', 'Internal error'));
        else res.destroy();
      }),
    );
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
        serverLog().error({ err: error }, 'gateway upgrade error');
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
  let metricsServer: MetricsServer | undefined;
  if (config.METRICS_PORT) {
    metricsServer = await startMetricsServer({ host: config.METRICS_HOST, port: config.METRICS_PORT, metrics, readiness });
    log(`metrics on ${metricsServer.url}/metrics (and /healthz, /readyz)`);
  }

  let closing: Promise<void> | undefined;
  const close = async () => {
    const started = performance.now();
    const since = () => `${Math.round(performance.now() - started)} ms`;
    readiness.drain();
    // No new connections; idle keep-alive ones close now, busy ones after their response.
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const streams = gateway.drain();
    log(`shutting down: readiness 503, new connections refused, ${streams} WebSocket/event stream(s) closed; waiting up to ${config.SHUTDOWN_TIMEOUT} s for requests in flight`);
    // A response that was under way when draining began kept its keep-alive: close each connection as it goes idle.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      drained.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), config.SHUTDOWN_TIMEOUT * 1000))),
    ]);
    clearTimeout(timer);
    clearInterval(sweep);
    if (timedOut) {
      log(`SHUTDOWN_TIMEOUT (${config.SHUTDOWN_TIMEOUT} s) reached: cutting the connections still open`);
      server.closeAllConnections();
    } else {
      log(`requests in flight finished after ${since()}`);
    }
    await forwardAuth.close();
    stopListening();
    stopProbes();
    await changeListener?.close();
    await controller.close();
    await nextApp.close();
    await metricsServer?.close();
    // Token use counted since the last write, before the database goes.
    await tokenUseCounter(db.prisma).flush();
    await db.close();
    log(`shut down in ${since()}`);
  };

  return {
    url,
    metricsUrl: metricsServer?.url,
    close: () => (closing ??= close()),
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
