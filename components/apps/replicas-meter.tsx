import type { AppDto } from '@/lib/apps/app-dto';

/**
 * "1 of 2 ready", with one block per replica (filled when ready). Blocks
 * rather than a width so no inline style is needed (the panel's CSP refuses
 * them); replicas are at most 10.
 */
export function ReplicasMeter({ replicas }: { replicas: AppDto['status']['replicas'] }) {
  const { ready, desired } = replicas;
  const slots = Math.max(ready, desired);
  const text = desired === 0 ? (ready === 0 ? 'None: the app is stopped' : `${ready} still stopping`) : `${ready} of ${desired} ready`;
  return (
    <span className="inline-flex flex-wrap items-center gap-2" data-testid="replicas">
      {slots > 0 && (
        <span aria-hidden="true" className="inline-flex gap-0.5">
          {Array.from({ length: slots }, (_, slot) => (
            <span key={slot} className={`h-3 w-2.5 rounded-sm ${slot < ready ? 'bg-green-500' : 'bg-slate-200 ring-1 ring-slate-300 ring-inset'}`} />
          ))}
        </span>
      )}
      <span>{text}</span>
    </span>
  );
}
