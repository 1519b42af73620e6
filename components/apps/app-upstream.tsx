import type { AppDto } from '@/lib/apps/app-dto';
import type { ExternalFields } from '@/lib/panel/external-app';
import { Card } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { Detail } from './detail-item';

/** An external app: where Tollgate sends its traffic, and how (Host header, TLS checks, health check). */
export function AppUpstream({ app, external }: { app: AppDto; external: ExternalFields }) {
  const { upstreamUrl, preserveHost, tlsSkipVerify } = external;
  const https = upstreamUrl.toLowerCase().startsWith('https:');
  let upstreamHost = '';
  try {
    upstreamHost = new URL(upstreamUrl).host;
  } catch {
    // shown as given
  }
  return (
    <Card title="Upstream" titleId="upstream-heading">
      <p className="mb-4 text-sm text-slate-600">This app runs elsewhere: Tollgate checks each request&apos;s token, then forwards it here.</p>
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
        <Detail term="Upstream URL" wide>
          <span className="inline-flex items-center gap-2">
            <span className="font-mono text-xs break-all">{upstreamUrl}</span>
            <CopyButton text={upstreamUrl} label="Copy upstream URL" />
          </span>
        </Detail>
        <Detail term="Host header">
          {preserveHost ? (
            <>Preserved: the app&apos;s own host</>
          ) : (
            <>
              The upstream&apos;s{upstreamHost && <span className="font-mono text-xs"> ({upstreamHost})</span>}
            </>
          )}
        </Detail>
        <Detail term="TLS verification">
          {tlsSkipVerify ? (
            <span className="font-medium text-red-700">Skipped: any certificate is accepted, a man-in-the-middle&apos;s too</span>
          ) : https ? (
            'Verified'
          ) : (
            <span className="text-slate-600">None: plain http</span>
          )}
        </Detail>
        <Detail term="Health check">
          <span className="font-mono text-xs">GET {app.spec.probe.path}</span>
        </Detail>
      </dl>
    </Card>
  );
}
