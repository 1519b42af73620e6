'use client';

import { useId } from 'react';
import { Alert } from '@/components/ui/alert';
import { Switch } from '@/components/ui/switch';
import { ProbePathField } from './probe-path-field';

export interface UpstreamValues {
  preserveHost: boolean;
  tlsSkipVerify: boolean;
  probePath: string;
}

/** How Tollgate talks to an external app: the Host header it sends, TLS checks, the health check. */
export function UpstreamFields({
  values,
  upstreamUrl,
  errorOf,
  onChange,
}: {
  values: UpstreamValues;
  upstreamUrl: string;
  errorOf: (key: string) => string | undefined;
  onChange: (patch: Partial<UpstreamValues>, changed: string[]) => void;
}) {
  const id = useId();
  let host = '';
  try {
    host = new URL(upstreamUrl.trim()).host;
  } catch {
    // not a URL yet
  }
  const http = /^http:/i.test(upstreamUrl.trim());
  return (
    <>
      <div>
        <Switch
          id={`${id}-preserve-host`}
          label="Preserve host"
          tone="brand"
          checked={values.preserveHost}
          onChange={(preserveHost) => onChange({ preserveHost }, ['preserveHost'])}
          describedBy={`${id}-preserve-host-note`}
        />
        <p id={`${id}-preserve-host-note`} className="mt-2 text-xs text-slate-600">
          {values.preserveHost
            ? "On: requests keep the app's own host (<id>.app.<region>…) in their Host header, for an upstream that serves several sites by name."
            : `Off: requests carry the upstream's host${host ? ` (${host})` : ''} in their Host header.`}
        </p>
        {errorOf('preserveHost') && <p className="mt-1 text-xs font-medium text-red-700">{errorOf('preserveHost')}</p>}
      </div>

      <div>
        <Switch
          id={`${id}-tls-skip`}
          label="Skip TLS verification"
          tone="danger"
          checked={values.tlsSkipVerify}
          onChange={(tlsSkipVerify) => onChange({ tlsSkipVerify }, ['tlsSkipVerify'])}
          describedBy={`${id}-tls-skip-note`}
        />
        <div id={`${id}-tls-skip-note`} className="mt-2">
          {values.tlsSkipVerify ? (
            <Alert tone="error" title="Anyone on the way can read and change the traffic">
              Without checking the upstream&apos;s certificate, Tollgate cannot tell the app from a man-in-the-middle, who would then see and
              change every request and answer. Use it only for a self-signed certificate on a network you trust.
              {http && ' It changes nothing for an http:// URL, which has no TLS at all.'}
            </Alert>
          ) : (
            <p className="text-xs text-slate-600">Off: an https upstream must show a certificate the system trusts. Keep it off unless it is self-signed.</p>
          )}
        </div>
        {errorOf('tlsSkipVerify') && <p className="mt-1 text-xs font-medium text-red-700">{errorOf('tlsSkipVerify')}</p>}
      </div>

      <ProbePathField
        id={`${id}-probe-path`}
        value={values.probePath}
        onChange={(value) => onChange({ probePath: value }, ['probePath'])}
        error={errorOf('probePath')}
        hint="Tollgate shows the app RUNNING while GET on this path of the upstream answers 2xx or 3xx, FAILED with the reason when it does not."
        inputClassName="max-w-md font-mono"
      />
    </>
  );
}
