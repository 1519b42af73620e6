import type { Metadata } from 'next';
import { requireUser } from '@/lib/dal/current-user';

export const metadata: Metadata = { title: 'Tokens' };

export default async function TokensPage() {
  await requireUser();
  return (
    <section aria-labelledby="tokens-heading">
      <h2 id="tokens-heading" className="mb-4 text-lg font-semibold">
        Tokens
      </h2>
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
        <p className="font-medium">No tokens yet</p>
        <p className="mt-1 text-sm text-slate-600">
          Tokens let people and programs reach the apps whose labels match a selector such as <code>group=A</code>.
        </p>
      </div>
    </section>
  );
}
