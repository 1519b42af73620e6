import { CopyButton } from '@/components/ui/copy-button';

/**
 * The app's access URL, as a link with a copy button; with `signInHref` (the
 * app lets members in), a link that opens it signed in as the panel user.
 */
export function AccessUrl({ url, signInHref }: { url: string; signInHref?: string }) {
  return (
    <div>
      <p id="access-url-label" className="text-sm font-medium text-slate-900">
        Access URL
      </p>
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <a
          href={url}
          target="_blank"
          rel="noopener noreferrer"
          aria-describedby="access-url-label"
          className="min-w-0 rounded-md bg-slate-50 px-3 py-1.5 font-mono text-sm break-all text-brand-600 ring-1 ring-slate-200 ring-inset hover:underline"
        >
          {url}
        </a>
        <CopyButton text={url} label="Copy access URL" />
        {signInHref && (
          <a
            href={signInHref}
            target="_blank"
            rel="noopener"
            className="rounded-md px-3 py-1.5 text-sm font-medium text-brand-600 ring-1 ring-brand-600 ring-inset hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
          >
            Open signed in as you
          </a>
        )}
      </div>
      <p className="mt-2 text-xs text-slate-600">
        Open it in a browser and choose <strong>Sign in with a token</strong>, or send <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>.
      </p>
    </div>
  );
}
