import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/dal/current-user';
import { SignInForm } from '@/components/sign-in-form';
import { Logo } from '@/components/logo';
import { safeRedirectPath } from '@/lib/gateway/safe-redirect';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await getCurrentUser()) redirect('/apps');
  const { callbackUrl } = await searchParams;
  // Only same-site paths (oauth2-proxy's rules): a callbackUrl is attacker-controllable.
  const next = safeRedirectPath(callbackUrl) ?? '/apps';
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex justify-center">
          <Logo />
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-1 text-xl font-semibold">Sign in</h1>
          <p className="mb-6 text-sm text-slate-600">Operators of this Tollgate sign in with their email and password.</p>
          <SignInForm next={next} />
        </div>
      </div>
    </main>
  );
}
