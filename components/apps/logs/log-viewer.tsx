'use client';

import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ansiClasses } from '@/lib/panel/ansi';
import { formatLogTime, indexOfSeq, type LogEntry } from '@/lib/panel/log-store';
import { Button } from '@/components/ui/button';

// Every row is one line high (h-5 = 20 px, no wrapping: long lines scroll
// sideways), so the list renders only the rows in view plus a margin, however
// many lines it holds. Heights and offsets are set through the DOM (CSSOM),
// which the panel's CSP allows, never as style attributes.
export const ROW_HEIGHT = 20;
const OVERSCAN = 12;

interface Range {
  start: number;
  end: number;
}

/**
 * The lines, following the newest while the user is at the bottom; scrolling
 * up stops that and offers "Jump to latest". Lines dropped from the top of
 * the buffer (or hidden by a filter) do not move what the user is reading.
 */
export function LogViewer({ lines, label }: { lines: readonly LogEntry[]; label: string }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const spacerRef = useRef<HTMLDivElement>(null);
  const windowRef = useRef<HTMLDivElement>(null);
  const linesRef = useRef(lines);
  // Follow the bottom; else keep the line `anchor` (its seq, and how far it is scrolled past) at the top.
  const stick = useRef(true);
  const anchor = useRef<{ seq: number; offset: number } | null>(null);
  const [range, setRange] = useState<Range>({ start: 0, end: 0 });
  const [away, setAway] = useState(false);

  const measure = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const count = linesRef.current.length;
    const first = Math.floor(el.scrollTop / ROW_HEIGHT);
    const visible = Math.ceil(el.clientHeight / ROW_HEIGHT) + 1;
    const start = Math.max(0, Math.min(count, first) - OVERSCAN);
    const end = Math.min(count, first + visible + OVERSCAN);
    setRange((previous) => (previous.start === start && previous.end === end ? previous : { start, end }));
  }, []);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= ROW_HEIGHT;
    stick.current = atBottom;
    setAway(!atBottom);
    const top = Math.floor(el.scrollTop / ROW_HEIGHT);
    const line = linesRef.current[top];
    anchor.current = line ? { seq: line.seq, offset: el.scrollTop - top * ROW_HEIGHT } : null;
    measure();
  }, [measure]);

  useLayoutEffect(() => {
    linesRef.current = lines;
    const el = scrollRef.current;
    const spacer = spacerRef.current;
    if (!el || !spacer) return;
    spacer.style.height = `${lines.length * ROW_HEIGHT}px`;
    if (stick.current) el.scrollTop = el.scrollHeight;
    else if (anchor.current) el.scrollTop = indexOfSeq(lines, anchor.current.seq) * ROW_HEIGHT + anchor.current.offset;
    measure();
  }, [lines, measure]);

  useLayoutEffect(() => {
    if (windowRef.current) windowRef.current.style.transform = `translateY(${range.start * ROW_HEIGHT}px)`;
  }, [range.start]);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      if (stick.current) el.scrollTop = el.scrollHeight;
      measure();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure]);

  function jumpToLatest() {
    const el = scrollRef.current;
    if (!el) return;
    stick.current = true;
    setAway(false);
    el.scrollTop = el.scrollHeight;
    el.focus();
  }

  return (
    <div className="relative">
      <div
        ref={scrollRef}
        onScroll={onScroll}
        role="log"
        aria-live="off"
        aria-label={label}
        tabIndex={0}
        data-testid="log-scroller"
        className="h-[60vh] min-h-72 overflow-auto rounded-md bg-slate-950 py-2 font-mono text-xs text-slate-200 [overflow-anchor:none] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
      >
        <div ref={spacerRef} className="relative w-max min-w-full">
          <div ref={windowRef}>
            {lines.slice(range.start, range.end).map((line) => (
              <LogRow key={line.seq} line={line} />
            ))}
          </div>
        </div>
      </div>
      {away && (
        <Button size="sm" className="absolute right-6 bottom-4 shadow-lg" onClick={jumpToLatest}>
          <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
            <path d="M12 5v14m-6-6 6 6 6-6" />
          </svg>
          Jump to latest
        </Button>
      )}
    </div>
  );
}

const LogRow = memo(function LogRow({ line }: { line: LogEntry }) {
  const stderr = line.stream === 'stderr';
  return (
    <div
      data-log-row=""
      data-stream={line.stream}
      className={`flex h-5 items-center gap-3 border-l-2 pr-4 pl-2.5 leading-5 whitespace-pre hover:bg-white/5 ${
        stderr ? 'border-red-500 bg-red-950/40 text-red-200' : 'border-transparent'
      }`}
    >
      <time dateTime={line.timestamp} title={line.timestamp} className="shrink-0 text-slate-400 select-none">
        {formatLogTime(line.timestamp)}
      </time>
      <span title={`Replica ${line.replica}`} className="shrink-0 rounded bg-slate-800 px-1.5 text-[10px] leading-4 text-slate-300 select-none">
        <span className="sr-only">replica </span>
        {line.replica}
      </span>
      {stderr && <span className="sr-only">stderr: </span>}
      <span>
        {line.segments
          ? line.segments.map((segment, index) => (
              <span key={index} className={ansiClasses(segment.style) || undefined}>
                {segment.text}
              </span>
            ))
          : line.text}
      </span>
    </div>
  );
});
