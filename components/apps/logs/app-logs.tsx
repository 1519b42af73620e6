'use client';

import { useDeferredValue, useEffect, useId, useMemo, useState } from 'react';
import type { AppDto } from '@/lib/apps/app-dto';
import { errorMessage } from '@/lib/panel/api-client';
import { filterLines, formatLogFile, type LogEntry } from '@/lib/panel/log-store';
import { useAppLogs, type LogStatus } from '@/lib/panel/use-app-logs';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { BlockSkeleton } from '@/components/ui/skeleton';
import { LogViewer } from './log-viewer';

const count = new Intl.NumberFormat('en');

interface Paused {
  lines: readonly LogEntry[];
  received: number;
}

/**
 * The Logs tab: the app's output live (every replica's, stderr in red), with
 * pause, a filter, and the buffer as a .log file.
 */
export function AppLogs({ app }: { app: AppDto }) {
  const id = useId();
  const logs = useAppLogs(app.id);
  const [paused, setPaused] = useState<Paused | null>(null);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const shown = paused ? paused.lines : logs.lines;
  const filtered = useMemo(() => filterLines(shown, deferredQuery), [shown, deferredQuery]);
  const newLines = paused ? logs.received - paused.received : 0;
  const { status } = logs;
  const { loaded } = logs;

  function download() {
    const text = formatLogFile(logs.all());
    const blob = new Blob([text], { type: 'text/plain;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = logFileName(app.spec.name);
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-100 px-5 py-3">
        <h3 id={`${id}-heading`} className="text-base font-semibold text-brand-900">
          Logs
        </h3>
        <StatusPill status={status} onReconnect={logs.reconnectNow} />
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <Button
            variant="secondary"
            size="sm"
            aria-pressed={paused !== null}
            onClick={() => setPaused(paused ? null : { lines: logs.lines, received: logs.received })}
            disabled={!loaded}
          >
            {paused ? 'Resume' : 'Pause'}
          </Button>
          <Button variant="secondary" size="sm" onClick={download} disabled={logs.received === 0}>
            Download
          </Button>
        </div>
      </div>

      <div className="space-y-3 px-5 py-4">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <label htmlFor={`${id}-filter`} className="text-sm font-medium text-slate-900">
            Filter
          </label>
          <input
            id={`${id}-filter`}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder="Text in the line, any case"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-count`}
            className={inputClass(false, 'max-w-xs flex-1 font-mono')}
          />
          {/* Announced for a filter's result only: the total changes with every line. */}
          <p id={`${id}-count`} aria-live={deferredQuery ? 'polite' : 'off'} className="text-sm text-slate-600 tabular-nums">
            {lineCount(filtered.length, shown.length, deferredQuery)}
          </p>
          {paused && (
            <p role="status" className="rounded-full bg-amber-100 px-3 py-0.5 text-sm font-medium text-amber-900">
              Paused · {count.format(newLines)} new {newLines === 1 ? 'line' : 'lines'}
            </p>
          )}
        </div>

        {status.kind === 'error' && (
          <Alert
            tone="error"
            title="The logs could not be read"
            action={
              <Button variant="secondary" size="sm" onClick={logs.retry}>
                Retry
              </Button>
            }
          >
            {errorMessage(status.error)}
          </Alert>
        )}

        {!loaded ? (
          <BlockSkeleton label="Loading the logs…" className="h-72" />
        ) : shown.length === 0 && status.kind !== 'error' ? (
          <div className="rounded-md border border-dashed border-slate-300 px-6 py-12 text-center">
            <p className="font-semibold text-slate-900">No output yet</p>
            <p className="mt-1 text-sm text-slate-600">What the app prints on stdout and stderr shows here as it comes.</p>
          </div>
        ) : filtered.length === 0 && shown.length > 0 ? (
          <p className="rounded-md border border-dashed border-slate-300 px-6 py-12 text-center text-sm text-slate-600">
            No line matches “{deferredQuery}”.
          </p>
        ) : shown.length > 0 ? (
          <LogViewer lines={filtered} label={`Logs of ${app.spec.name}`} />
        ) : null}
      </div>
    </section>
  );
}

function lineCount(matching: number, total: number, query: string): string {
  const lines = `${count.format(total)} ${total === 1 ? 'line' : 'lines'}`;
  return query === '' ? lines : `${count.format(matching)} of ${lines} ${matching === 1 ? 'matches' : 'match'}`;
}

/** `<app name>-<UTC date and time>.log`, safe as a file name. */
export function logFileName(appName: string, now = new Date()): string {
  const name = appName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'app';
  return `${name}-${now.toISOString().slice(0, 19).replace(/[:T]/g, (c) => (c === 'T' ? '_' : ''))}.log`;
}

function StatusPill({ status, onReconnect }: { status: LogStatus; onReconnect: () => void }) {
  if (status.kind === 'live') {
    return (
      <span role="status" className="inline-flex items-center gap-1.5 text-xs font-medium text-green-700">
        <span aria-hidden="true" className="h-2 w-2 animate-pulse rounded-full bg-green-500" />
        Live
      </span>
    );
  }
  if (status.kind === 'reconnecting') {
    return (
      <span role="status" className="inline-flex flex-wrap items-center gap-2 text-xs font-medium text-amber-800">
        <span aria-hidden="true" className="h-2 w-2 rounded-full bg-amber-500" />
        <span>
          Stream ended{status.reason ? ` (${status.reason})` : ''}: reconnecting <Countdown at={status.at} />
        </span>
        <button type="button" onClick={onReconnect} className="underline hover:text-amber-950 focus-visible:outline-2 focus-visible:outline-brand-600">
          Reconnect now
        </button>
      </span>
    );
  }
  if (status.kind === 'loading') {
    return (
      <span role="status" className="text-xs font-medium text-slate-600">
        Connecting…
      </span>
    );
  }
  return null;
}

function Countdown({ at }: { at: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.ceil((at - now) / 1000));
  return <>{seconds > 0 ? `in ${seconds} s` : 'now'}</>;
}
