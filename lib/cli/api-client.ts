// The /v1 HTTP client: bearer auth, JSON in and out, and every failure turned into one line
// that carries the API's own reason ("403: the token's selector … does not match this app").

import { asApp, type App } from './app-schema.ts';
import { CliError } from './cli-errors.ts';
import type { FetchLike } from './cli-io.ts';
import { asLogLine, type ApiLogLine } from '../panel/log-line.ts';

const REQUEST_TIMEOUT_MS = 30_000;

/** The API answered with an error status. `message` is the one line shown to the user. */
export class ApiStatusError extends CliError {
  override name = 'ApiStatusError';
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly reason: string,
    readonly details: unknown,
    /** Seconds, from Retry-After. */
    readonly retryAfter: number | undefined,
  ) {
    super(`${status}: ${reason}`);
  }
}

/** The server could not be reached, or did not answer in time. Worth retrying while waiting. */
export class NetworkError extends CliError {
  override name = 'NetworkError';
}

export interface ApiClientOptions {
  baseUrl: string;
  token: string;
  fetch: FetchLike;
  userAgent: string;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON body, or null for an empty body (204). */
  body: unknown;
}

export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async request(method: string, path: string, init: { query?: Record<string, string>; body?: unknown } = {}): Promise<ApiResponse> {
    const query = init.query ? `?${new URLSearchParams(init.query).toString()}` : '';
    const url = `${this.options.baseUrl}${path}${query}`;
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: `Bearer ${this.options.token}`,
      'user-agent': this.options.userAgent,
    };
    if (init.body !== undefined) headers['content-type'] = 'application/json';

    let response: Response;
    try {
      response = await this.options.fetch(url, {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        redirect: 'error',
      });
    } catch (error) {
      throw networkError(error, this.options.baseUrl);
    }

    const text = await response.text().catch(() => '');
    const json = parseJson(text);
    if (!response.ok) throw apiError(response, text, json);
    if (text.trim() !== '' && json === undefined) {
      throw new CliError(`${response.status}: the answer from ${this.options.baseUrl} is not JSON; is --url / TOLLGATE_URL a Tollgate server?`);
    }
    return { status: response.status, headers: response.headers, body: json ?? null };
  }

  /** Every app the token can see, following pages until x-total-count is reached. */
  async listApps(labelSelector: string | undefined): Promise<unknown[]> {
    const size = 100;
    const all: unknown[] = [];
    for (let page = 0; ; page++) {
      const query: Record<string, string> = { page: String(page), size: String(size) };
      if (labelSelector !== undefined) query.labelSelector = labelSelector;
      const { body, headers } = await this.request('GET', '/v1/app', { query });
      if (!Array.isArray(body)) throw unexpected('GET /v1/app', 'an array');
      all.push(...body);
      const total = Number(headers.get('x-total-count'));
      const more = Number.isFinite(total) && headers.has('x-total-count') ? all.length < total : body.length === size;
      if (!more || body.length === 0) return all;
    }
  }

  async getApp(id: string): Promise<App> {
    return this.appFrom('GET', appPath(id));
  }

  /** Like getApp, but null when the app is gone (404). */
  async findApp(id: string): Promise<App | null> {
    try {
      return await this.getApp(id);
    } catch (error) {
      if (error instanceof ApiStatusError && error.status === 404) return null;
      throw error;
    }
  }

  createApp(spec: Record<string, unknown>): Promise<App> {
    return this.appFrom('POST', '/v1/app', spec);
  }

  /** PUT /v1/app/{id}: changes what the app runs (a rolling update when it runs). */
  updateApp(id: string, update: Record<string, unknown>): Promise<App> {
    return this.appFrom('PUT', appPath(id), update);
  }

  scaleApp(id: string, replicas: number): Promise<App> {
    return this.appFrom('PUT', `${appPath(id)}/scalingstrategy`, { fixed: { replicas } });
  }

  startApp(id: string): Promise<App> {
    return this.appFrom('PUT', `${appPath(id)}/start`);
  }

  stopApp(id: string): Promise<App> {
    return this.appFrom('PUT', `${appPath(id)}/stop`);
  }

  /** The app as the DELETE answered it, or null for 204. */
  async deleteApp(id: string): Promise<App | null> {
    const { body } = await this.request('DELETE', appPath(id));
    return body === null ? null : toApp(body, `DELETE ${appPath(id)}`);
  }

  setLabel(id: string, name: string, value: string | null): Promise<App> {
    return this.appFrom('PUT', `${appPath(id)}/label`, { name, value });
  }

  /** GET /v1/app/{id}/log: the app's last `tail` lines (the server's default when left out), from `since` on. */
  async getLogs(id: string, query: LogQuery): Promise<LogLine[]> {
    const path = `${appPath(id)}/log`;
    const { body } = await this.request('GET', path, { query: logQuery(query) });
    const logs = (body as { logs?: unknown } | null)?.logs;
    if (!Array.isArray(logs)) throw unexpected(`GET ${path}`, 'logs');
    return logs.map(asLogLine).filter((line) => line !== null);
  }

  /**
   * GET /v1/app/{id}/log?follow=true: the body, server-sent events until `signal` aborts or the
   * server ends it. Refusals throw like request(); only the wait for the answer is timed.
   */
  async followLogs(id: string, query: LogQuery, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const url = `${this.options.baseUrl}${appPath(id)}/log?${new URLSearchParams({ ...logQuery(query), follow: 'true' })}`;
    const controller = new AbortController();
    const abort = () => controller.abort(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, REQUEST_TIMEOUT_MS);
    let response: Response;
    try {
      response = await this.options.fetch(url, {
        method: 'GET',
        headers: { accept: 'text/event-stream', authorization: `Bearer ${this.options.token}`, 'user-agent': this.options.userAgent },
        signal: controller.signal,
        redirect: 'error',
      });
    } catch (error) {
      if (signal.aborted) throw error;
      throw timedOut ? new NetworkError(`no answer from ${this.options.baseUrl} within ${REQUEST_TIMEOUT_MS / 1000}s`) : networkError(error, this.options.baseUrl);
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw apiError(response, text, parseJson(text));
    }
    if (!response.body) throw new CliError(`unexpected answer to GET ${appPath(id)}/log: no body`);
    return response.body;
  }

  private async appFrom(method: string, path: string, body?: unknown): Promise<App> {
    const response = await this.request(method, path, body === undefined ? {} : { body });
    return toApp(response.body, `${method} ${path}`);
  }
}

export interface LogQuery {
  tail?: number;
  /** An ISO 8601 date-time. */
  since?: string;
}

/** One line of an app's output, as the API sends it. */
export type LogLine = ApiLogLine;

function logQuery(query: LogQuery): Record<string, string> {
  return {
    ...(query.tail !== undefined ? { tail: String(query.tail) } : {}),
    ...(query.since !== undefined ? { since: query.since } : {}),
  };
}

function appPath(id: string): string {
  return `/v1/app/${encodeURIComponent(id)}`;
}

function toApp(body: unknown, what: string): App {
  const app = asApp(body);
  if (!app) throw unexpected(what, 'an app');
  return app;
}

function unexpected(what: string, expected: string): CliError {
  return new CliError(`unexpected answer to ${what}: expected ${expected}`);
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function apiError(response: Response, text: string, json: unknown): ApiStatusError {
  const retryAfterHeader = response.headers.get('retry-after');
  const retryAfter = retryAfterHeader !== null && /^\d+$/.test(retryAfterHeader.trim()) ? Number(retryAfterHeader) : undefined;
  const error = (json as { error?: unknown } | undefined)?.error;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    const { code, message, details } = error as { code?: unknown; message: string; details?: unknown };
    let reason = oneLine(message);
    if (response.status === 429 && retryAfter !== undefined) reason += ` (retry after ${retryAfter}s)`;
    return new ApiStatusError(response.status, typeof code === 'string' ? code : undefined, reason, details, retryAfter);
  }
  // Not the API's error shape: a proxy, a wrong --url, a server crash page.
  const status = response.statusText || (text.trim() === '' ? 'empty answer' : 'unexpected answer');
  return new ApiStatusError(response.status, undefined, `${oneLine(status)} (not a Tollgate API error; is --url / TOLLGATE_URL right?)`, undefined, retryAfter);
}

function networkError(error: unknown, baseUrl: string): NetworkError {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') {
    return new NetworkError(`no answer from ${baseUrl} within ${REQUEST_TIMEOUT_MS / 1000}s`);
  }
  const detail = err.cause?.message ?? err.cause?.code ?? err.message ?? String(error);
  return new NetworkError(`cannot reach ${baseUrl}: ${oneLine(detail)} (set --url or TOLLGATE_URL)`);
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
