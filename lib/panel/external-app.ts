import type { AppDto } from '@/lib/apps/app-dto';
import { appSpecSchema } from '@/lib/apps/app-spec';
import type { NewAppValues } from './app-form-values';
import { fieldKeyOf, type Checked, type SpecOptions } from './app-form-check';
import { errorsFromIssues, type Issue } from './field-errors';
import { rowsToLabels } from './label-rows';
import { upstreamUrlProblem } from './upstream-url';

export { upstreamUrlProblem };

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
