// Kubernetes' label rules (k8s.io/apimachinery validation.IsQualifiedName and IsValidLabelValue),
// exactly, so selectors and labels written for Kubernetes or OVHcloud AI Deploy carry over.
// This module is shared by browser forms and the server: it must not import anything Node-only.

import { z } from 'zod';

export const MAX_LABEL_PREFIX_LENGTH = 253;
export const MAX_LABEL_NAME_LENGTH = 63;
export const MAX_LABEL_VALUE_LENGTH = 63;
/** Not a Kubernetes limit: keeps a label set small enough to match on every gateway request. */
export const MAX_LABELS = 64;

// Kubernetes' own patterns. Note the subdomain pattern does not cap each dot-separated part at 63
// characters, only the whole prefix at 253: Kubernetes accepts a 253-character single-part prefix.
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

const NAME_CHARS =
  "must consist of letters, digits, '-', '_' or '.', and must start and end with an alphanumeric character";

/** Why `key` is not a valid label key, or null when it is. */
export function validateLabelKey(key: string): string | null {
  if (key.length === 0) return 'key must not be empty';
  const parts = key.split('/');
  if (parts.length > 2) {
    return "must be a name with an optional DNS subdomain prefix and '/', e.g. 'example.com/my-name'";
  }
  const name = parts.length === 2 ? parts[1]! : parts[0]!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (prefix.length === 0) return 'prefix part must not be empty';
    if (prefix.length > MAX_LABEL_PREFIX_LENGTH) {
      return `prefix part must be ${MAX_LABEL_PREFIX_LENGTH} characters or less`;
    }
    if (!DNS1123_SUBDOMAIN.test(prefix)) {
      return "prefix part must be a lowercase DNS subdomain: lowercase letters, digits, '-' and '.', and each dot-separated part must start and end with an alphanumeric character";
    }
  }
  if (name.length === 0) return 'name part must not be empty';
  if (name.length > MAX_LABEL_NAME_LENGTH) {
    return `name part must be ${MAX_LABEL_NAME_LENGTH} characters or less`;
  }
  if (!QUALIFIED_NAME.test(name)) return `name part ${NAME_CHARS}`;
  return null;
}

/** Why `value` is not a valid label value, or null when it is. The empty value is valid. */
export function validateLabelValue(value: string): string | null {
  if (value.length > MAX_LABEL_VALUE_LENGTH) {
    return `must be ${MAX_LABEL_VALUE_LENGTH} characters or less`;
  }
  if (value.length > 0 && !QUALIFIED_NAME.test(value)) return NAME_CHARS;
  return null;
}

export const labelKeySchema = z.string().superRefine((key, ctx) => {
  const problem = validateLabelKey(key);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});

export const labelValueSchema = z.string().superRefine((value, ctx) => {
  const problem = validateLabelValue(value);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});

// A plain string record refined entry by entry, rather than z.record(labelKeySchema, ...): zod
// reports a bad record key as a generic "invalid key", while a form wants the rule that broke,
// under the path of the label it belongs to.
export const labelsSchema = z.record(z.string(), z.string()).superRefine((labels, ctx) => {
  const keys = Object.keys(labels);
  if (keys.length > MAX_LABELS) {
    ctx.addIssue({ code: 'custom', message: `at most ${MAX_LABELS} labels are allowed, got ${keys.length}` });
  }
  for (const key of keys) {
    const keyProblem = validateLabelKey(key);
    if (keyProblem !== null) {
      ctx.addIssue({ code: 'custom', path: [key], message: `label key '${key}': ${keyProblem}` });
    }
    const valueProblem = validateLabelValue(labels[key]!);
    if (valueProblem !== null) {
      ctx.addIssue({ code: 'custom', path: [key], message: `value of label '${key}': ${valueProblem}` });
    }
  }
});

export type Labels = z.infer<typeof labelsSchema>;
