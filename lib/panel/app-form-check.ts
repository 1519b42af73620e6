import { appSpecSchema, appUpdateSchema, type AppSpec, type AppUpdate } from '@/lib/apps/app-spec';
import { rowsToLabels } from './label-rows';
import { errorsFromIssues, type FieldErrors, type Issue } from './field-errors';
import { isBlankEnvRow, type NewAppValues, type RuntimeValues } from './app-form-values';
import { splitShellWords } from './shell-words';

// The forms' values become the API's body here, and are checked with the
// server's own schema. Errors are keyed by the form's field names: `image`,
// `port`, `probePath`, `cpu`, `replicas`, `env.<row id>.name`…

type Mode = 'create' | 'update';

interface Draft {
  input: Record<string, unknown>;
  /** The row id of each env var sent, by position: an issue at envVars[i] belongs to row rowIds[i]. */
  rowIds: number[];
  /** What is wrong before the schema even runs (an unclosed quote, a blank required number). */
  issues: Issue[];
}

function required(text: string, path: string, label: string, issues: Issue[]): string {
  if (text.trim() === '') issues.push({ path: [path], message: `${label} is required` });
  return text.trim();
}

function runtimeDraft(values: RuntimeValues, mode: Mode): Draft {
  const issues: Issue[] = [];
  const input: Record<string, unknown> = { image: values.image.trim() };

  const line = values.command.trim();
  if (line === '') {
    // On an update, null goes back to the image's own command; on create, leaving it out does.
    if (mode === 'update') input.command = null;
  } else {
    const split = splitShellWords(line);
    if ('problem' in split) issues.push({ path: ['command'], message: split.problem });
    else input.command = split.args;
  }

  const rowIds: number[] = [];
  const envVars: Record<string, unknown>[] = [];
  for (const row of values.envRows) {
    if (isBlankEnvRow(row)) continue;
    const index = envVars.length;
    rowIds.push(row.id);
    const name = row.name.trim();
    if (row.keptName !== null && row.value === '') {
      // A secret kept as it is: its value stays on the server, under its name only.
      if (name !== row.keptName) issues.push({ path: ['envVars', index, 'value'], message: `Type a value: a secret keeps its value only under its old name, ${row.keptName}` });
      else if (!row.secret) issues.push({ path: ['envVars', index, 'value'], message: 'Type a value to make this env var visible: a secret value is never shown again' });
      envVars.push({ name, secret: true });
    } else {
      envVars.push({ name, value: row.value, secret: row.secret });
    }
  }
  if (mode === 'update' || envVars.length > 0) input.envVars = envVars;

  input.defaultHttpPort = required(values.port, 'defaultHttpPort', 'Port', issues);
  input.probe = { path: values.probePath.trim() || '/', ...(values.probePort.trim() ? { port: values.probePort.trim() } : {}) };
  const resources = {
    ...(values.cpu.trim() ? { cpu: values.cpu.trim() } : {}),
    ...(values.memoryMiB.trim() ? { memoryMiB: values.memoryMiB.trim() } : {}),
  };
  // An update always sends resources: a blank field there lifts the limit.
  if (mode === 'update' || Object.keys(resources).length > 0) input.resources = resources;
  return { input, rowIds, issues };
}

/** Where an issue's path belongs in the form. */
export function fieldKeyOf(rowIds: readonly number[]) {
  return (path: readonly PropertyKey[]): string | null => {
    const [head, second, third] = path;
    switch (head) {
      case 'envVars': {
        const rowId = typeof second === 'number' ? rowIds[second] : undefined;
        return rowId === undefined ? 'envVars' : `env.${rowId}.${third === 'value' ? 'value' : 'name'}`;
      }
      case 'defaultHttpPort':
        return 'port';
      case 'probe':
        return second === 'port' ? 'probePort' : 'probePath';
      case 'resources':
        return second === 'memoryMiB' ? 'memoryMiB' : 'cpu';
      case 'scalingStrategy':
        return 'replicas';
      case 'name':
      case 'image':
      case 'upstreamUrl':
      case 'preserveHost':
      case 'tlsSkipVerify':
      case 'region':
      case 'command':
      case 'labels':
        return head;
      default:
        return null;
    }
  };
}

export type Checked<T> = { ok: true; body: T; rowIds: number[] } | { ok: false; errors: FieldErrors; rowIds: number[] };

function check<T>(draft: Draft, result: { success: true; data: T } | { success: false; error: { issues: Issue[] } }): Checked<T> {
  const issues = [...draft.issues, ...(result.success ? [] : result.error.issues)];
  if (issues.length === 0 && result.success) return { ok: true, body: result.data, rowIds: draft.rowIds };
  return { ok: false, errors: errorsFromIssues(issues, fieldKeyOf(draft.rowIds), 'client'), rowIds: draft.rowIds };
}

export interface SpecOptions {
  regions: readonly string[];
  /** The only images this Tollgate runs, or null for any. */
  images: readonly string[] | null;
}

/** The New app form as POST /v1/app's body, or its errors. */
export function checkNewApp(values: NewAppValues, options: SpecOptions): Checked<AppSpec> {
  const draft = runtimeDraft(values, 'create');
  Object.assign(draft.input, {
    name: values.name,
    region: values.region,
    labels: rowsToLabels(values.labels),
    unsecureHttp: values.unsecureHttp,
    scalingStrategy: { fixed: { replicas: required(values.replicas, 'scalingStrategy', 'Replicas', draft.issues) } },
  });
  return check(draft, appSpecSchema(options).safeParse(draft.input));
}

/** The Edit form as PUT /v1/app/{id}'s body, or its errors. */
export function checkAppUpdate(values: RuntimeValues, options: Pick<SpecOptions, 'images'>): Checked<AppUpdate> {
  const draft = runtimeDraft(values, 'update');
  return check(draft, appUpdateSchema(options).safeParse(draft.input));
}
