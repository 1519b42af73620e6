import { RuntimeError } from '../runtime-driver.ts';

/**
 * Removes what `list` finds, and again what it finds after that: a second pass catches what was
 * created while the first one ran (another driver instance). After three passes, whatever still
 * appears is an error (`keepAppearing` words it).
 */
export async function removeAll<T>(list: () => Promise<T[]>, remove: (items: T[]) => Promise<void>, keepAppearing: (left: T[]) => string): Promise<void> {
  for (let pass = 0; pass < 3; pass++) {
    const items = await list();
    if (items.length === 0) return;
    await remove(items);
  }
  const left = await list();
  if (left.length > 0) throw new RuntimeError(keepAppearing(left));
}
