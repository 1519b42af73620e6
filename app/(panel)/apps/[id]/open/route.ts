import type { NextRequest } from 'next/server';
import { issueGateCode } from '@/lib/apps/issue-gate-code';
import { getConfig, panelOrigin } from '@/lib/config/config';
import { getPanelCaller } from '@/lib/dal/current-user';
import { getPrisma } from '@/lib/db/db';
import { DomainError } from '@/lib/errors/domain-error';
import { messagePage } from '@/lib/gateway/gateway-pages';

/**
 * Sign in with Tollgate: the app's login page links here. A signed-in member
 * is sent on to the app with a one-time code; anyone else signs in to the
 * panel first and comes back.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const next = request.nextUrl.searchParams.get('next');
  const { user, credential, actor, projectId } = await getPanelCaller(request.nextUrl.pathname + request.nextUrl.search);
  const caller = { kind: 'user', userId: user.id, projectId: projectId ?? '', credential, actor } as const;
  try {
    const location = await issueGateCode({ prisma: await getPrisma(), caller, appId: id, next, panelOrigin: panelOrigin(getConfig()) });
    return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const status = error.code === 'NOT_FOUND' ? 404 : 403;
    const title = status === 404 ? 'No such app' : 'Access denied';
    const message = status === 404 ? 'This app does not exist, or you are not a member of its project.' : error.message;
    return new Response(messagePage(title, message, { signOut: false }), { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
  }
}
