'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { signOut } from 'next-auth/react';
import { Logo } from './logo';
import { ProjectSwitcher, type ProjectOption } from './projects/project-switcher';

const TABS = [
  { href: '/apps', label: 'Apps' },
  { href: '/tokens', label: 'Tokens' },
  { href: '/activity', label: 'Activity' },
];

export function PanelHeader({ email, projects, currentId }: { email: string; projects: ProjectOption[]; currentId: string | null }) {
  const pathname = usePathname();
  return (
    <header className="bg-brand-900 text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-5 gap-y-2 px-4 py-2.5 sm:px-6">
        <Link href="/apps" className="rounded focus-visible:outline-2 focus-visible:outline-white" aria-label="Tollgate home">
          <Logo inverted />
        </Link>
        {/* On a phone the switcher takes a row of its own under the logo and Sign out. */}
        <div className="order-last w-full sm:order-none sm:w-auto">
          <ProjectSwitcher projects={projects} currentId={currentId} />
        </div>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span className="hidden text-white/80 md:inline">{email}</span>
          <button
            type="button"
            onClick={() => signOut({ callbackUrl: '/signin' })}
            className="h-8 rounded-md border border-white/30 px-3 hover:bg-white/10 focus-visible:outline-2 focus-visible:outline-white"
          >
            Sign out
          </button>
        </div>
      </div>
      <div className="border-b border-slate-200 bg-white text-slate-900">
        <div className="mx-auto max-w-6xl px-4 sm:px-6">
          <p className="pt-4 text-xs font-medium tracking-wide text-slate-500 uppercase">Public Cloud · AI &amp; Machine Learning</p>
          <h1 className="text-2xl font-semibold text-brand-900">AI Deploy</h1>
          <nav aria-label="AI Deploy" className="mt-3 flex gap-6">
            {TABS.map((tab) => {
              const active = pathname === tab.href || pathname.startsWith(tab.href + '/');
              return (
                <Link
                  key={tab.href}
                  href={tab.href}
                  aria-current={active ? 'page' : undefined}
                  className={`-mb-px border-b-2 pb-2.5 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-brand-600 ${
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
