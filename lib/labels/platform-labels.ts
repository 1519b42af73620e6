// The platform's own labels. Every app carries `ovh/id` and `ovh/type`, like on OVHcloud AI Deploy,
// so a token can be scoped to one app (`ovh/id=<id>`) and users can never forge or remove them.

import { validateLabelValue } from './label-rules';

export const RESERVED_LABEL_PREFIX = 'ovh';
export const APP_ID_LABEL = 'ovh/id';
export const APP_TYPE_LABEL = 'ovh/type';
export const APP_TYPE_VALUE = 'app';

/** True for keys whose prefix is exactly `ovh` (`ovh/anything`); `ovh.example.com/x` is the user's. */
export function isReservedLabelKey(key: string): boolean {
  return key.startsWith(`${RESERVED_LABEL_PREFIX}/`);
}

/**
 * The labels an app is stored with: the user's, minus anything under `ovh/`, plus the platform's.
 * `replaced` names the user keys that were dropped (sorted), so the UI can say so instead of failing.
 */
export function applyPlatformLabels(
  userLabels: Readonly<Record<string, string>>,
  appId: string,
): { labels: Record<string, string>; replaced: string[] } {
  // A bad id would break the label invariant for every selector that meets this app; it is a bug
  // in the caller (ids are UUIDs), not user input.
  const idProblem = validateLabelValue(appId);
  if (idProblem !== null) throw new TypeError(`app id cannot be a label value: ${idProblem}`);

  const kept: Array<[string, string]> = [];
  const replaced: string[] = [];
  for (const [key, value] of Object.entries(userLabels)) {
    if (isReservedLabelKey(key)) replaced.push(key);
    else kept.push([key, value]);
  }
  kept.push([APP_ID_LABEL, appId], [APP_TYPE_LABEL, APP_TYPE_VALUE]);
  // fromEntries defines own properties, so a user key such as `__proto__` cannot reach the prototype.
  return { labels: Object.fromEntries(kept), replaced: replaced.sort() };
}
