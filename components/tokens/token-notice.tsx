'use client';

import { useEffect, useRef } from 'react';
import { clearTokenNotice } from '@/lib/panel/token-notice';
import { Button } from '@/components/ui/button';

/**
 * The confirmation of a token action, said politely. The live region is always
 * there (empty when there is nothing to say), so screen readers catch the text
 * the moment it appears.
 */
export function TokenNotice({ text }: { text: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A deleted row took the focused Actions button with it: start again from here, not from the top of the page.
    if (text && (document.activeElement === document.body || document.activeElement === null)) ref.current?.focus();
  }, [text]);

  return (
    <div role="status" className="empty:hidden">
      {text && (
        <div
          ref={ref}
          tabIndex={-1}
          className="mb-4 flex items-center justify-between gap-3 rounded-md border border-green-200 bg-green-50 px-4 py-2.5 text-sm text-green-900 focus:outline-2 focus:outline-green-600"
        >
          <p>{text}</p>
          <Button variant="ghost" size="sm" onClick={clearTokenNotice}>
            Dismiss
          </Button>
        </div>
      )}
    </div>
  );
}
