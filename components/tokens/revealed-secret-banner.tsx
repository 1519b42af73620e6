'use client';

import { useEffect, useRef } from 'react';
import { formatDateTime } from '@/lib/panel/format-date';
import { forgetSecret, type RevealedSecret } from '@/lib/panel/revealed-secret';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';

/**
 * The one time a token's secret is shown: monospace, a copy button, the
 * warning that it won't be shown again and, after a Regenerate, until when
 * the previous secret works.
 */
export function RevealedSecretBanner({ revealed }: { revealed: RevealedSecret }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Take keyboard and screen-reader users straight to it.
    ref.current?.focus();
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [revealed.secret]);

  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="region"
      aria-labelledby="revealed-secret-title"
      className="mb-5 rounded-lg border border-green-200 bg-green-50 p-4 focus:outline-2 focus:outline-green-600"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p id="revealed-secret-title" className="font-semibold text-green-900">
            Token “{revealed.name}” {revealed.kind === 'regenerated' ? 'regenerated' : 'generated'}
          </p>
          <p className="mt-1 flex items-start gap-1.5 text-sm text-amber-900">
            <svg aria-hidden="true" viewBox="0 0 24 24" className="mt-0.5 h-4 w-4 shrink-0 text-amber-600" fill="none" stroke="currentColor" strokeWidth="2">
              <path d="M12 3 2 21h20L12 3Zm0 6v5m0 3h.01" strokeLinejoin="round" strokeLinecap="round" />
            </svg>
            <span>
              <strong>The token is only displayed once.</strong> Save it before leaving this page, or you will need to regenerate it.
            </span>
          </p>
          {revealed.kind === 'regenerated' && (
            <p className="mt-1 text-sm text-green-900">
              {revealed.oldSecretUntil ? (
                <>
                  The previous secret keeps working until{' '}
                  <time dateTime={revealed.oldSecretUntil} className="font-semibold">
                    {formatDateTime(revealed.oldSecretUntil)}
                  </time>
                  : switch your apps and scripts to the new one before then.
                </>
              ) : (
                'The previous secret has stopped working.'
              )}
            </p>
          )}
        </div>
        <Button variant="ghost" size="sm" onClick={forgetSecret}>
          Done
        </Button>
      </div>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-center">
        <input
          readOnly
          aria-label="Token value"
          value={revealed.secret}
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
          autoComplete="off"
          className="min-w-0 flex-1 rounded-md border border-green-300 bg-white px-3 py-2 font-mono text-sm text-slate-900 focus:ring-2 focus:ring-green-200 focus:outline-none"
        />
        <CopyButton text={revealed.secret} label="Copy token" className="h-9" />
      </div>
    </div>
  );
}
