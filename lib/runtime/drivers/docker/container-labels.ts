// A container's labels: the identity every driver labels its replicas with (shared/labels.ts), and
// the container's slot.
import { LABEL as IDENTITY_LABEL, identityLabels, labelInt, readIdentity, type ReplicaIdentity } from '../shared/labels.ts';

export { labelFilters } from '../shared/labels.ts';

export const LABEL = {
  ...IDENTITY_LABEL,
  slot: 'tollgate.slot',
} as const;

export interface ContainerIdentity extends ReplicaIdentity {
  slot: number;
}

export function containerLabels(namespace: string, identity: ContainerIdentity): Record<string, string> {
  return { ...identityLabels(namespace, identity), [LABEL.slot]: String(identity.slot) };
}

/** The identity in a container's labels; null for a container someone else labelled by hand (ignored). */
export function readLabels(labels: Record<string, string> | undefined): ContainerIdentity | null {
  const identity = readIdentity(labels);
  const slot = labelInt(labels?.[LABEL.slot], 1);
  if (!identity || slot === null) return null;
  return { ...identity, slot };
}
