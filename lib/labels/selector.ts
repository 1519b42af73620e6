// Label selectors as Kubernetes defines them (apimachinery labels.Selector): a list of
// requirements, all of which must hold. The matcher runs on every gateway request, so it
// allocates nothing and uses no regular expressions.

import { compareIntegerStrings } from './compare-integer-strings';

/**
 * Operators, normalised: `==` is parsed as `=` (Kubernetes treats them identically), `exists` is a
 * bare `key`, `!` is `!key` (does not exist), `gt` / `lt` are `>` / `<`.
 */
export type Operator = '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

/**
 * One condition on one label. Invariants (parseSelector guarantees them; hand-built requirements
 * must keep them): `=`, `!=`, `gt`, `lt` have exactly one value (an int64 for `gt`/`lt`); `in` and
 * `notin` at least one; `exists` and `!` none. Values may be empty strings.
 */
export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

/** All requirements must match. No requirements matches everything. */
export interface Selector {
  readonly requirements: readonly Requirement[];
}

const hasOwn = Object.prototype.hasOwnProperty;

// Above this size a linear scan loses to a Set. Sets are built once per values array and cached;
// selectors are frozen by parseSelector, so a cached Set cannot go stale.
const LINEAR_SCAN_LIMIT = 12;
const valueSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function includesValue(values: readonly string[], value: string): boolean {
  if (values.length <= LINEAR_SCAN_LIMIT) {
    for (let i = 0; i < values.length; i++) {
      if (values[i] === value) return true;
    }
    return false;
  }
  let set = valueSets.get(values);
  if (set === undefined) {
    set = new Set(values);
    valueSets.set(values, set);
  }
  return set.has(value);
}

/** Whether `labels` satisfy one requirement, with Kubernetes' semantics. */
export function matchesRequirement(requirement: Requirement, labels: Readonly<Record<string, string>>): boolean {
  // Own properties only: `constructor` or `toString` are valid label keys, and an app without
  // them must not match `constructor` through Object.prototype.
  const present = hasOwn.call(labels, requirement.key);
  switch (requirement.operator) {
    case '=':
    case 'in':
      return present && includesValue(requirement.values, labels[requirement.key]!);
    case '!=':
    case 'notin':
      // An object without the key satisfies "not equal to x", as in Kubernetes.
      return !present || !includesValue(requirement.values, labels[requirement.key]!);
    case 'exists':
      return present;
    case '!':
      return !present;
    case 'gt':
    case 'lt': {
      if (!present || requirement.values.length !== 1) return false;
      // NaN (a label value that is not an integer) fails both comparisons.
      const sign = compareIntegerStrings(labels[requirement.key]!, requirement.values[0]!);
      return requirement.operator === 'gt' ? sign > 0 : sign < 0;
    }
    default:
      return false;
  }
}

/** Whether `labels` satisfy every requirement of `selector`. */
export function matchesSelector(selector: Selector, labels: Readonly<Record<string, string>>): boolean {
  const requirements = selector.requirements;
  for (let i = 0; i < requirements.length; i++) {
    if (!matchesRequirement(requirements[i]!, labels)) return false;
  }
  return true;
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** One requirement in Kubernetes' syntax, set values sorted: `k in (a,b)`, `!k`, `k>3`. */
export function printRequirement(requirement: Requirement): string {
  const { key, values } = requirement;
  const single = values[0] ?? '';
  switch (requirement.operator) {
    case 'exists':
      return key;
    case '!':
      return `!${key}`;
    case '=':
      return `${key}=${single}`;
    case '!=':
      return `${key}!=${single}`;
    case 'gt':
      return `${key}>${single}`;
    case 'lt':
      return `${key}<${single}`;
    case 'in':
      return `${key} in (${sortedUnique(values).join(',')})`;
    case 'notin':
      return `${key} notin (${sortedUnique(values).join(',')})`;
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Canonical order: by key, as Kubernetes sorts, then by printed form so that requirements on
 * the same key (which Kubernetes leaves in an unspecified order) still print one way only.
 */
export function compareRequirements(a: Requirement, b: Requirement): number {
  return compareText(a.key, b.key) || compareText(printRequirement(a), printRequirement(b));
}

/**
 * The canonical text of `selector`: requirements in canonical order, set values sorted and
 * deduplicated, `==` written `=`. parseSelector(printSelector(s)) prints back identically.
 */
export function printSelector(selector: Selector): string {
  return [...selector.requirements].sort(compareRequirements).map(printRequirement).join(',');
}

/**
 * The labels a selector pins to one value (`k=v`, `k==v`, `k in (v)`): an app created with a
 * token gets these so that it lands inside the token's scope. A key pinned to two different
 * values is left out, since no value could satisfy both.
 */
export function equalityLabels(selector: Selector): Record<string, string> {
  const pinned = new Map<string, string | null>();
  for (const requirement of selector.requirements) {
    const { key, operator, values } = requirement;
    if ((operator !== '=' && operator !== 'in') || values.length !== 1) continue;
    const value = values[0]!;
    const previous = pinned.get(key);
    pinned.set(key, previous === undefined || previous === value ? value : null);
  }
  const entries: Array<[string, string]> = [];
  for (const [key, value] of pinned) {
    if (value !== null) entries.push([key, value]);
  }
  entries.sort((a, b) => compareText(a[0], b[0]));
  return Object.fromEntries(entries);
}
