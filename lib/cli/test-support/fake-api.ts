// An in-memory stand-in for the /v1 app API, for CLI tests: same paths, shapes and error body
// as the contract, with scripted state changes (`plan`) and canned failures (`override`).

import { generateTokenSecret } from '../../tokens/token-format.ts';
import type { FetchLike } from '../cli-io.ts';

type FakeEnvVar = { name: string; value?: string; secret: boolean };

export interface FakeApp {
  id: string;
  createdAt: string;
  updatedAt: string;
  spec: {
    name: string;
    image: string | null;
    upstreamUrl?: string | null;
    preserveHost?: boolean;
    tlsSkipVerify?: boolean;
    region: string;
    labels: Record<string, string>;
    command: string[] | null;
    envVars: FakeEnvVar[];
    defaultHttpPort: number;
    probe: { path: string; port: number };
    resources: { cpu: number | null; memoryMiB: number | null };
    scalingStrategy: { fixed: { replicas: number } };
    unsecureHttp: boolean;
  };
  status: {
    state: string;
    info?: string;
    url: string;
    replicas: { desired: number; ready: number };
    generation: number;
    imageDigest: string | null;
    lastOutput?: string[];
    history: { state: string; date: string; reason?: string }[];
    replacedLabels?: string[];
  };
}

/** What the API answers for an env var: a secret without its value. */
function shown(env: FakeEnvVar): FakeEnvVar {
  return env.secret ? { name: env.name, secret: true } : { name: env.name, value: env.value ?? '', secret: false };
}

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: unknown;
  signal?: AbortSignal | null;
}

/** A line of an app's output, as GET /v1/app/{id}/log sends it. */
export interface FakeLogLine {
  timestamp: string;
  content: string;
  replica: string;
  stream: 'stdout' | 'stderr';
}

type Override = (request: RecordedRequest) => Response | undefined;

/** One scripted read: the state, its reason, and how many replicas are ready then. */
export interface PlannedRead {
  state: string;
  reason?: string;
  ready?: number;
}

function sseLine(line: FakeLogLine): Uint8Array {
  return new TextEncoder().encode(`event: line\ndata: ${JSON.stringify(line)}\n\n`);
}

export function errorResponse(status: number, code: string, message: string, details?: unknown, headers?: Record<string, string>): Response {
  return Response.json({ error: { code, message, ...(details === undefined ? {} : { details }) } }, { status, headers });
}

export class FakeApi {
  readonly token = generateTokenSecret();
  readonly apps = new Map<string, FakeApp>();
  readonly requests: RecordedRequest[] = [];
  /** States each GET of an app moves it through, one per read. */
  readonly plans = new Map<string, PlannedRead[]>();
  private readonly overrides: Override[] = [];
  private nextId = 1;
  /** Answer DELETE with 204 instead of the app. */
  deleteAnswersNoContent = false;
  /** The date used for new history entries. */
  clock = () => '2025-01-01T12:00:00.000Z';
  /** Each app's output, oldest first. */
  readonly logs = new Map<string, FakeLogLine[]>();
  private readonly follows = new Map<string, Set<ReadableStreamDefaultController<Uint8Array>>>();

  /** The app prints `line`; open follows get it at once. */
  printLog(appId: string, line: Partial<FakeLogLine> & { content: string }): FakeLogLine {
    const full: FakeLogLine = { timestamp: this.clock(), replica: '1', stream: 'stdout', ...line };
    this.logs.set(appId, [...(this.logs.get(appId) ?? []), full]);
    for (const controller of this.follows.get(appId) ?? []) controller.enqueue(sseLine(full));
    return full;
  }

  /** Follows (GET …/log?follow=true) still open. */
  openFollows(appId: string): number {
    return this.follows.get(appId)?.size ?? 0;
  }

  /** Ends every follow of the app as the server would on shutdown, after an `event: error` when `reason` is given. */
  endFollows(appId: string, reason?: string): void {
    for (const controller of this.follows.get(appId) ?? []) {
      if (reason) controller.enqueue(new TextEncoder().encode(`event: error\ndata: ${JSON.stringify({ message: reason })}\n\n`));
      controller.close();
    }
    this.follows.delete(appId);
  }

  private logResponse(app: FakeApp, url: URL, signal: AbortSignal | null | undefined): Response {
    const tailText = url.searchParams.get('tail');
    const tail = tailText === null ? 100 : Number(tailText);
    if (!Number.isInteger(tail) || tail < 0 || tail > 10_000) {
      return errorResponse(400, 'bad_request', 'Invalid input: tail: tail must be at most 10000', [{ path: ['tail'], message: 'tail must be at most 10000' }]);
    }
    const since = url.searchParams.get('since');
    const all = (this.logs.get(app.id) ?? []).filter((line) => since === null || line.timestamp >= since);
    const history = tail === 0 ? [] : all.slice(-tail);
    if (url.searchParams.get('follow') !== 'true') return Response.json({ lastActivity: history.at(-1)?.timestamp ?? null, logs: history });
    const follows = this.follows;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const line of history) controller.enqueue(sseLine(line));
        controller.enqueue(new TextEncoder().encode(': keep-alive\n\n'));
        const open = follows.get(app.id) ?? new Set();
        follows.set(app.id, open.add(controller));
        signal?.addEventListener('abort', () => {
          open.delete(controller);
          controller.error(new DOMException('This operation was aborted', 'AbortError'));
        });
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8' } });
  }

  addApp(init: { name?: string; image?: string; region?: string; labels?: Record<string, string>; state?: string; createdAt?: string } = {}): FakeApp {
    const id = `00000000-0000-4000-8000-${String(this.nextId++).padStart(12, '0')}`;
    const region = init.region ?? 'GRA';
    const createdAt = init.createdAt ?? '2025-01-01T11:00:00.000Z';
    const state = init.state ?? 'RUNNING';
    const app: FakeApp = {
      id,
      createdAt,
      updatedAt: createdAt,
      spec: {
        name: init.name ?? `app-${id.slice(-2)}`,
        image: init.image ?? 'infrastructureascode/hello-world',
        region,
        labels: { ...(init.labels ?? {}), 'ovh/id': id, 'ovh/type': 'app' },
        command: null,
        envVars: [],
        defaultHttpPort: 8080,
        probe: { path: '/', port: 8080 },
        resources: { cpu: null, memoryMiB: null },
        scalingStrategy: { fixed: { replicas: 1 } },
        unsecureHttp: false,
      },
      status: {
        state,
        url: `http://${id}.app.${region.toLowerCase()}.localhost:3000/`,
        replicas: { desired: state === 'RUNNING' ? 1 : 0, ready: state === 'RUNNING' ? 1 : 0 },
        generation: 1,
        imageDigest: null,
        history: [{ state, date: createdAt }],
      },
    };
    this.apps.set(id, app);
    return app;
  }

  /** After the next action (or now), successive GETs of `id` show these states. */
  plan(id: string, states: (string | PlannedRead)[]): void {
    this.plans.set(id, states.map((s) => (typeof s === 'string' ? { state: s } : s)));
  }

  /** Answers matching requests with `response` (checked before the normal routes). */
  override(method: string, path: RegExp, response: () => Response): void {
    this.overrides.push((request) => (request.method === method && path.test(request.url.pathname) ? response() : undefined));
  }

  private setState(app: FakeApp, state: string, reason?: string): void {
    app.status.state = state;
    app.updatedAt = this.clock();
    app.status.history.push({ state, date: this.clock(), ...(reason ? { reason } : {}) });
  }

  /** PUT /v1/app/{id}, as the server merges it: each field given replaces the app's; the generation goes up. */
  private update(app: FakeApp, update: Record<string, unknown>): void {
    const spec = app.spec;
    if (typeof update.image === 'string') spec.image = update.image;
    if (update.command !== undefined) spec.command = update.command as string[] | null;
    if (Array.isArray(update.envVars)) spec.envVars = (update.envVars as FakeEnvVar[]).map(shown);
    if (typeof update.defaultHttpPort === 'number') spec.defaultHttpPort = update.defaultHttpPort;
    const probe = update.probe as { path: string; port?: number } | undefined;
    spec.probe = probe ? { path: probe.path, port: probe.port ?? spec.defaultHttpPort } : spec.probe;
    const resources = update.resources as { cpu?: number; memoryMiB?: number } | undefined;
    if (resources) spec.resources = { cpu: resources.cpu ?? null, memoryMiB: resources.memoryMiB ?? null };
    app.status.generation++;
    app.updatedAt = this.clock();
  }

  readonly fetch: FetchLike = async (url, init) => {
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const request: RecordedRequest = { method: init.method ?? 'GET', url: new URL(url), headers, body, signal: init.signal };
    this.requests.push(request);
    for (const override of this.overrides) {
      const response = override(request);
      if (response) return response;
    }
    if (headers.authorization !== `Bearer ${this.token}`) {
      return errorResponse(401, 'unauthenticated', 'Invalid token', undefined, { 'www-authenticate': 'Bearer realm="tollgate"' });
    }
    return this.route(request);
  };

  private route({ method, url, body, signal }: RecordedRequest): Response {
    const path = url.pathname;
    const log = /^\/v1\/app\/([^/]+)\/log$/.exec(path);
    if (log && method === 'GET') {
      const app = this.apps.get(decodeURIComponent(log[1]!));
      if (!app || app.status.state === 'DELETED') return errorResponse(404, 'not_found', 'App not found');
      return this.logResponse(app, url, signal);
    }
    if (path === '/v1/app' && method === 'GET') {
      const selector = url.searchParams.get('labelSelector') ?? '';
      const page = Number(url.searchParams.get('page') ?? 0);
      const size = Number(url.searchParams.get('size') ?? 100);
      if (selector.includes('(') && !selector.includes(')')) {
        return errorResponse(400, 'invalid_selector', `Invalid label selector: expected ")" at position ${selector.length}`, {
          position: selector.length,
          expected: ')',
        });
      }
      const wanted = selector === '' ? [] : selector.split(',').map((r) => r.split('='));
      const matching = [...this.apps.values()].filter(
        (app) => app.status.state !== 'DELETED' && wanted.every(([k, v]) => app.spec.labels[k!] === v),
      );
      return Response.json(matching.slice(page * size, page * size + size), { headers: { 'x-total-count': String(matching.length) } });
    }
    if (path === '/v1/app' && method === 'POST') {
      const spec = body as Partial<FakeApp['spec']> & { name: string; image?: string; upstreamUrl?: string; region: string; probe?: { path?: string; port?: number }; resources?: { cpu?: number; memoryMiB?: number } };
      const replaced = Object.keys(spec.labels ?? {}).filter((k) => k.startsWith('ovh/'));
      const userLabels = Object.fromEntries(Object.entries(spec.labels ?? {}).filter(([k]) => !k.startsWith('ovh/')));
      const app = this.addApp({ name: spec.name, image: spec.image, region: spec.region, labels: userLabels, state: 'QUEUED', createdAt: this.clock() });
      const port = spec.defaultHttpPort ?? 8080;
      Object.assign(app.spec, {
        command: spec.command ?? null,
        envVars: (spec.envVars ?? []).map(shown),
        defaultHttpPort: port,
        probe: { path: spec.probe?.path ?? '/', port: spec.probe?.port ?? port },
        resources: { cpu: spec.resources?.cpu ?? null, memoryMiB: spec.resources?.memoryMiB ?? null },
        scalingStrategy: spec.scalingStrategy ?? { fixed: { replicas: 1 } },
        unsecureHttp: spec.unsecureHttp ?? false,
      });
      if (spec.upstreamUrl !== undefined) {
        Object.assign(app.spec, { image: null, upstreamUrl: spec.upstreamUrl, preserveHost: spec.preserveHost ?? false, tlsSkipVerify: spec.tlsSkipVerify ?? false });
      }
      app.status.replicas = { desired: app.spec.scalingStrategy.fixed.replicas, ready: 0 };
      return Response.json({ ...app, status: { ...app.status, ...(replaced.length ? { replacedLabels: replaced } : {}) } });
    }
    const match = /^\/v1\/app\/([^/]+)(?:\/(start|stop|label))?$/.exec(path);
    const app = match ? this.apps.get(decodeURIComponent(match[1]!)) : undefined;
    if (!match) return errorResponse(404, 'not_found', `No endpoint ${method} ${path}`);
    if (!app || app.status.state === 'DELETED') return errorResponse(404, 'not_found', 'App not found');
    const action = match[2];
    if (method === 'GET' && action === undefined) {
      const next = this.plans.get(app.id)?.shift();
      if (next) this.setState(app, next.state, next.reason);
      if (next?.ready !== undefined) app.status.replicas.ready = next.ready;
      if (app.status.state === 'DELETED') return errorResponse(404, 'not_found', 'App not found');
      return Response.json(app);
    }
    if (method === 'PUT' && action === undefined) this.update(app, body as Record<string, unknown>);
    else if (method === 'PUT' && action === 'start') this.setState(app, 'QUEUED');
    else if (method === 'PUT' && action === 'stop') this.setState(app, 'STOPPING');
    else if (method === 'DELETE' && action === undefined) {
      this.setState(app, 'DELETING');
      if (this.deleteAnswersNoContent) return new Response(null, { status: 204 });
    } else if (method === 'PUT' && action === 'label') {
      const { name, value } = body as { name: string; value: string | null };
      if (name.startsWith('ovh/')) {
        return errorResponse(400, 'bad_request', 'Invalid input: name: labels under ovh/ are set by the platform and cannot be changed', [
          { path: ['name'], message: 'labels under ovh/ are set by the platform and cannot be changed' },
        ]);
      }
      if (value === null) delete app.spec.labels[name];
      else app.spec.labels[name] = value;
    } else return errorResponse(404, 'not_found', `No endpoint ${method} ${path}`);
    return Response.json(app);
  }
}
