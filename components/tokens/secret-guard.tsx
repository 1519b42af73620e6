'use client';

import { useEffect } from 'react';
import { usePathname } from 'next/navigation';
import { currentSecret, forgetSecret } from '@/lib/panel/revealed-secret';
import { clearTokenNotice, currentTokenNotice } from '@/lib/panel/token-notice';

/**
 * Forgets a revealed token secret as soon as the user leaves the page it is
 * shown on, or switches project; a token action's notice goes the same way.
 */
export function SecretGuard({ projectId }: { projectId: string | null }) {
  const pathname = usePathname();
  useEffect(() => {
    // Only on navigation: New Token reveals the secret for /tokens just before it goes there.
    const shown = currentSecret();
    if (shown && shown.page !== pathname) forgetSecret();
    const notice = currentTokenNotice();
    if (notice && notice.page !== pathname) clearTokenNotice();
  }, [pathname]);
  useEffect(
    () => () => {
      forgetSecret();
      clearTokenNotice();
    },
    [projectId],
  );
  return null;
}
