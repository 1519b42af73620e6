/** Labels as `key=value` chips; the platform's ovh/* ones in a quieter colour. */
export function LabelChips({ labels, hidePlatform = false }: { labels: Record<string, string>; hidePlatform?: boolean }) {
  const entries = Object.entries(labels).filter(([key]) => !(hidePlatform && key.startsWith('ovh/')));
  if (entries.length === 0) return <span className="text-sm text-slate-400">—</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Labels">
      {entries.map(([key, value]) => (
        <li
          key={key}
          className={`max-w-full truncate rounded px-1.5 py-0.5 font-mono text-xs ${
            key.startsWith('ovh/') ? 'bg-slate-100 text-slate-600' : 'bg-brand-50 text-brand-900'
          }`}
          title={`${key}=${value}`}
        >
          {key}={value}
        </li>
      ))}
    </ul>
  );
}
