import { CopyButton } from '@/components/ui/copy-button';

/**
 * An app's access URL in a table cell: the app id in its host shortened to
 * 8 characters (the rest of the host says where), the whole URL in the link's
 * target and its tooltip, and a copy button for the whole of it.
 */
export function ShortUrl({ url, appId, appName }: { url: string; appId: string; appName: string }) {
  const shown = shorten(url, appId);
  return (
    <span className="flex min-w-0 items-center gap-1.5">
      <a href={url} target="_blank" rel="noopener noreferrer" title={url} className="min-w-0 truncate font-mono text-xs text-brand-600 hover:underline">
        {shown}
      </a>
      <CopyButton text={url} label={`Copy access URL of ${appName}`} compact />
    </span>
  );
}

export function shorten(url: string, appId: string): string {
  try {
    const { host } = new URL(url);
    return host.startsWith(`${appId}.`) ? `${appId.slice(0, 8)}….${host.slice(appId.length + 1)}` : host;
  } catch {
    return url;
  }
}
