'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { signOut } from 'next-auth/react';
import { Logo } from './logo';

const TABS = [
  { href: '/apps', label: 'Apps' },
  { href: '/tokens', label: 'Tokens' },
];

export function PanelHeader({ email, projectName }: { email: string; projectName: string | null }) {
  const pathname = usePathname();
  return (
    <header className="bg-brand-900 text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
        <div className="flex items-center gap-4">
          <Logo inverted />
          {projectName && (
            <span className="rounded bg-white/10 px-2 py-0.5 text-sm" title="Project">
              {projectName}
            </span>
          )}
        </div>
        <div className="flex items-center gap-3 text-sm">
          <span className="hidden text-white/80 sm:inline">{email}</span>
          <button
            type="button"
            onClick={() => signOut({ callbackUrl: '/signin' })}
            className="rounded-md border border-white/30 px-3 py-1 hover:bg-white/10"
          >
            Sign out
          </button>
        </div>
      </div>
      <div className="bg-white text-slate-900 shadow-sm">
        <div className="mx-auto max-w-6xl px-4 sm:px-6">
          <h1 className="pt-4 text-2xl font-semibold">AI Deploy</h1>
          <nav aria-label="AI Deploy" className="mt-2 flex gap-6">
            {TABS.map((tab) => {
              const active = pathname === tab.href || pathname.startsWith(tab.href + '/');
              return (
                <Link
                  key={tab.href}
                  href={tab.href}
                  aria-current={active ? 'page' : undefined}
                  className={`border-b-2 pb-2 text-sm font-medium ${
                    active ? 'border-brand-600 text-brand-600' : 'border-transparent text-slate-600 hover:text-slate-900'
                  }`}
                >
                  {tab.label}
                </Link>
              );
            })}
          </nav>
        </div>
      </div>
    </header>
  );
}
