// The replacement order the docker and process drivers share: a new replica is started and ready
// before an old one is retired, so serving capacity never drops.
import type { RunSpec } from '../runtime-driver.ts';

export interface SlotReplica {
  slot: number;
  generation: number;
}

export interface RollOutPlan<R extends SlotReplica> {
  /** Serving `spec.generation` in a slot ≤ `spec.replicas`, one per slot: adopted as they are. */
  keep: Map<number, R>;
  /** Serving, to retire once replaced: another generation, a slot beyond `replicas`, or a duplicate of a slot. */
  old: R[];
  /** Serving nothing (down for good): discarded at the end. */
  leftovers: R[];
}

export function planRollOut<R extends SlotReplica>(replicas: Iterable<R>, spec: RunSpec, servesNothing: (replica: R) => boolean): RollOutPlan<R> {
  const plan: RollOutPlan<R> = { keep: new Map(), old: [], leftovers: [] };
  for (const r of replicas) {
    if (servesNothing(r)) plan.leftovers.push(r);
    else if (r.generation === spec.generation && r.slot <= spec.replicas && !plan.keep.has(r.slot)) plan.keep.set(r.slot, r);
    else plan.old.push(r);
  }
  return plan;
}

/** Index of the replica with the highest slot; -1 when there is none. */
function highestSlot(replicas: SlotReplica[]): number {
  let index = -1;
  replicas.forEach((r, i) => {
    if (index < 0 || r.slot > replicas[index]!.slot) index = i;
  });
  return index;
}

/** Takes out of `old` the replica a new one in `slot` replaces: the same slot's, else the highest. */
export function takeReplaced<R extends SlotReplica>(old: R[], slot: number): R | undefined {
  const sameSlot = old.findIndex((r) => r.slot === slot);
  const index = sameSlot >= 0 ? sameSlot : highestSlot(old);
  return index >= 0 ? old.splice(index, 1)[0] : undefined;
}

export async function retireOne<R extends SlotReplica>(replica: R, progress: (info: string) => void, retire: (replica: R) => Promise<void>): Promise<void> {
  progress(`retiring replica ${replica.slot} of generation ${replica.generation}`);
  await retire(replica);
}

/** Scale down, and what no new replica replaced: retired one by one, highest slot first. */
export async function retireRest<R extends SlotReplica>(old: R[], progress: (info: string) => void, retire: (replica: R) => Promise<void>): Promise<void> {
  while (old.length > 0) {
    const [retired] = old.splice(highestSlot(old), 1);
    if (!retired) break;
    await retireOne(retired, progress, retire);
  }
}
