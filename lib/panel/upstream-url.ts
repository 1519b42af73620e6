// The upstream URL of an external app, checked the same way by the New app
// form and `tollgate app add-external` (no imports: the CLI loads it as is).

/**
 * Why `text` cannot be an upstream URL (null when it can): http or https
 * only, no user name or password (everyone who reads the app would see
 * them), no query or fragment (a request's own path and query are appended).
 */
export function upstreamUrlProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'Upstream URL is required';
  if (trimmed.length > 2048) return 'The URL must be 2048 characters or less';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return 'Enter a full URL, with http:// or https://, such as http://10.0.0.5:7860';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'The URL must start with http:// or https://';
  if (url.username || url.password) return 'Leave the user name and password out of the URL: everyone who can read the app would see them';
  if (url.search || url.hash || trimmed.endsWith('?') || trimmed.endsWith('#')) return 'The URL must not hold a query (?…) or a fragment (#…)';
  return null;
}
