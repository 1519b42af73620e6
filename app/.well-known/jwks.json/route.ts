import { getPrisma } from '@/lib/db/db';
import { publishedKeys } from '@/lib/identity/signing-keys';

/**
 * The public keys apps verify X-Tollgate-Jwt-Assertion with (Cloudflare
 * Access's and Pomerium's model): every key that signs now, or did within the
 * last day. Public by design; cached briefly.
 */
export async function GET() {
  return Response.json(await publishedKeys(await getPrisma()), { headers: { 'cache-control': 'public, max-age=300' } });
}
