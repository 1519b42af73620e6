import Link from 'next/link';
import type { AppDto } from '@/lib/panel/app-queries';
import { appSourceText, externalFieldsOf } from '@/lib/panel/external-app';
import { formatDateTime } from '@/lib/panel/format-date';
import { LabelChips } from '@/components/label-chips';
import { StateBadge } from '@/components/state-badge';

const TH = 'px-4 py-3 font-semibold whitespace-nowrap';

export function AppsTable({ apps }: { apps: AppDto[] }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Apps of this project</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
          <tr>
            <th scope="col" className={TH}>Name</th>
            <th scope="col" className={TH}>State</th>
            <th scope="col" className={`${TH} hidden sm:table-cell`}>Region</th>
            <th scope="col" className={`${TH} hidden md:table-cell`}>Labels</th>
            <th scope="col" className={`${TH} hidden lg:table-cell`}>Access URL</th>
            <th scope="col" className={`${TH} hidden sm:table-cell`}>Created</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {apps.map((app) => (
            <tr key={app.id} className="align-top hover:bg-slate-50">
              <td className="px-4 py-3">
                <Link href={`/apps/${app.id}`} className="font-semibold text-brand-600 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600">
                  {app.spec.name}
                </Link>
                <div className="mt-0.5 font-mono text-xs break-all text-slate-500">
                  {externalFieldsOf(app) && <span className="font-sans font-medium text-slate-600">External · </span>}
                  {appSourceText(app)}
                  <span className="sm:hidden"> · {app.spec.region}</span>
                </div>
              </td>
              <td className="px-4 py-3">
                <StateBadge state={app.status.state} />
              </td>
              <td className="hidden px-4 py-3 font-medium sm:table-cell">{app.spec.region}</td>
              <td className="hidden max-w-xs px-4 py-3 md:table-cell">
                <LabelChips labels={app.spec.labels} hidePlatform />
              </td>
              <td className="hidden px-4 py-3 lg:table-cell">
                <a
                  href={app.status.url}
                  target="_blank"
                  rel="noopener noreferrer"
                  className="font-mono text-xs break-all text-brand-600 hover:underline"
                >
                  {app.status.url}
                </a>
              </td>
              <td className="hidden px-4 py-3 whitespace-nowrap text-slate-600 sm:table-cell">
                <time dateTime={app.createdAt}>{formatDateTime(app.createdAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
