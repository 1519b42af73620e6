'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiRequestError, errorMessage } from './api-client';
import { LogStore, type LogEntry } from './log-store';
import { fetchAppLogs, followAppLogs } from './log-stream';
import { useProjectId } from './project-context';

/**
 * loading: nothing answered yet · live: following · reconnecting: the stream
 * ended or the connection broke, next try at `at` · error: the API refused
 * (its message; no automatic retry).
 */
export type LogStatus =
  | { kind: 'loading' }
  | { kind: 'live' }
  | { kind: 'reconnecting'; at: number; reason: string | null }
  | { kind: 'error'; error: unknown };

// New lines reach React at most this often: a chatty app costs a few renders a second, not one per line.
const FLUSH_MS = 100;
// A connection that stayed up this long starts the back-off over.
const STABLE_MS = 10_000;

/** 1 s, 2 s, 4 s … up to 30 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

/**
 * The app's output, live: the last 10,000 lines, then every new one. When the
 * stream ends or breaks it reconnects with back-off, asking `since` the last
 * line it holds, so no line is shown twice. `received` counts every line
 * accepted (the paused view counts new lines with it).
 */
export function useAppLogs(appId: string) {
  const projectId = useProjectId();
  const [store] = useState(() => new LogStore());
  const [lines, setLines] = useState<readonly LogEntry[]>([]);
  const [received, setReceived] = useState(0);
  const [status, setStatus] = useState<LogStatus>({ kind: 'loading' });
  // The history came: "No output yet" is then true even before the follow answers (it may
  // send nothing, not even its headers, until the app prints a line).
  const [loaded, setLoaded] = useState(false);
  const [run, setRun] = useState(0);
  const wake = useRef<(() => void) | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const publish = () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      setLines(store.lines);
      setReceived(store.received);
    };
    const schedule = () => {
      timer ??= setTimeout(publish, FLUSH_MS);
    };

    async function follow() {
      let attempt = 0;
      let history = store.received > 0;
      while (!signal.aborted) {
        let reason: string | null = null;
        let openedAt: number | null = null;
        try {
          if (!history) {
            store.append(await fetchAppLogs(appId, { projectId, signal }));
            history = true;
            publish();
            setLoaded(true);
          }
          const ended = await followAppLogs(appId, {
            projectId,
            since: store.resumeSince(),
            signal,
            onOpen: () => {
              openedAt = Date.now();
              setStatus({ kind: 'live' });
            },
            onLines: (batch) => {
              if (store.append(batch) > 0) schedule();
            },
          });
          reason = ended.reason;
        } catch (error) {
          if (signal.aborted) return;
          if (error instanceof ApiRequestError && error.status > 0) {
            publish();
            setStatus({ kind: 'error', error });
            return;
          }
          reason = errorMessage(error);
        }
        if (signal.aborted) return;
        publish();
        if (openedAt !== null && Date.now() - openedAt >= STABLE_MS) attempt = 0;
        attempt++;
        const delay = reconnectDelay(attempt);
        setStatus({ kind: 'reconnecting', at: Date.now() + delay, reason });
        await sleep(delay, signal, wake);
      }
    }

    void follow();
    return () => {
      controller.abort();
      if (timer !== null) clearTimeout(timer);
    };
  }, [appId, projectId, store, run]);

  /** After an error: try again, keeping the lines held. */
  const retry = useCallback(() => {
    setStatus({ kind: 'loading' });
    setRun((n) => n + 1);
  }, []);

  /** While reconnecting: do not wait for the back-off. */
  const reconnectNow = useCallback(() => wake.current?.(), []);

  return { lines, received, loaded: loaded || received > 0, status, retry, reconnectNow, all: () => store.lines };
}

function sleep(ms: number, signal: AbortSignal, wake: { current: (() => void) | null }): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      wake.current = null;
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
    wake.current = done;
  });
}
