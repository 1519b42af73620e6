import type { AppDto } from '@/lib/apps/app-dto';
import { appSpecSchema } from '@/lib/apps/app-spec';
import type { NewAppValues } from './app-form-values';
import { fieldKeyOf, type Checked, type SpecOptions } from './app-form-check';
import { errorsFromIssues, type Issue } from './field-errors';
import { rowsToLabels } from './label-rows';

// External apps: ones that already run elsewhere, which Tollgate only gates.
// The spec gives `upstreamUrl` instead of `image`, with `preserveHost` (keep
// the app host's Host header rather than the upstream URL's) and
// `tlsSkipVerify` (accept a self-signed certificate on an https upstream).
// Command, env vars, resources and replicas do not apply to them.

export interface ExternalFields {
  upstreamUrl: string;
  preserveHost: boolean;
  tlsSkipVerify: boolean;
}

/** POST /v1/app's body for an external app. */
export interface ExternalAppSpecInput extends ExternalFields {
  name: string;
  region: string;
  labels: Record<string, string>;
  unsecureHttp: boolean;
  probe: { path: string };
}

/** The external fields of an app, or null for an app Tollgate runs from an image. */
export function externalFieldsOf(app: Pick<AppDto, 'spec'>): ExternalFields | null {
  // Read loosely: servers before external apps send no such fields.
  const spec = app.spec as unknown as { upstreamUrl?: unknown; preserveHost?: unknown; tlsSkipVerify?: unknown };
  if (typeof spec.upstreamUrl !== 'string' || spec.upstreamUrl === '') return null;
  return { upstreamUrl: spec.upstreamUrl, preserveHost: spec.preserveHost === true, tlsSkipVerify: spec.tlsSkipVerify === true };
}

/** What the app runs, in a few words: its image, or the URL it gates. */
export function appSourceText(app: Pick<AppDto, 'spec'>): string {
  return externalFieldsOf(app)?.upstreamUrl ?? app.spec.image ?? '';
}

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

/** The New app form, in its "Protect an existing URL" mode, as POST /v1/app's body, or its errors. */
export function checkExternalApp(values: NewAppValues, options: SpecOptions): Checked<ExternalAppSpecInput> {
  const body: ExternalAppSpecInput = {
    name: values.name,
    region: values.region,
    labels: rowsToLabels(values.labels),
    unsecureHttp: values.unsecureHttp,
    upstreamUrl: values.upstreamUrl.trim(),
    preserveHost: values.preserveHost,
    tlsSkipVerify: values.tlsSkipVerify,
    probe: { path: values.probePath.trim() || '/' },
  };
  const issues: Issue[] = [];
  const problem = upstreamUrlProblem(values.upstreamUrl);
  if (problem) issues.push({ path: ['upstreamUrl'], message: problem });
  // The shared fields (name, region, labels, probe path) by the server's own schema. Its rules
  // on what runs (the image, which this kind of app has none of) do not apply here.
  const result = appSpecSchema(options).safeParse(body);
  if (!result.success) issues.push(...result.error.issues.filter((issue) => !['image', 'upstreamUrl', 'preserveHost', 'tlsSkipVerify'].includes(String(issue.path[0]))));
  if (issues.length === 0) return { ok: true, body, rowIds: [] };
  return { ok: false, errors: errorsFromIssues(issues, fieldKeyOf([]), 'client'), rowIds: [] };
}
