// Ages the way kubectl shows them: 45s, 12m, 5h, 3d.

export function formatAge(from: string | undefined, now: number): string {
  if (from === undefined) return '';
  const start = Date.parse(from);
  if (Number.isNaN(start)) return '';
  const seconds = Math.max(0, Math.floor((now - start) / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}
