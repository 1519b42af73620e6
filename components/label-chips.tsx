export function LabelChips({ labels }: { labels: Record<string, string> }) {
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Labels">
      {Object.entries(labels).map(([key, value]) => (
        <li key={key} className="rounded bg-brand-50 px-1.5 py-0.5 font-mono text-xs text-brand-900">
          {key}={value}
        </li>
      ))}
    </ul>
  );
}
