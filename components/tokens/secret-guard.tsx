'use client';

import { useEffect } from 'react';
import { usePathname } from 'next/navigation';
import { forgetSecret } from '@/lib/panel/revealed-secret';

/** Forgets a revealed token secret as soon as the user leaves the token list or switches project. */
export function SecretGuard({ projectId }: { projectId: string | null }) {
  const pathname = usePathname();
  useEffect(() => {
    if (pathname !== '/tokens') forgetSecret();
  }, [pathname]);
  useEffect(() => () => forgetSecret(), [projectId]);
  return null;
}
