import Link from 'next/link';
import type { AppDto } from '@/lib/panel/app-queries';
import type { SortKey, SortOrder } from '@/lib/panel/apps-list-params';
import { appSourceText, externalFieldsOf } from '@/lib/panel/external-app';
import { formatDateTime } from '@/lib/panel/format-date';
import { LabelChips } from '@/components/label-chips';
import { StateBadge } from '@/components/state-badge';
import { BreakableText } from '@/components/ui/breakable-text';
import { ShortUrl } from './short-url';
import { SortHeader } from './sort-header';

const TH = 'px-4 py-3 font-semibold whitespace-nowrap';

/**
 * The apps as a table with fixed column widths (rows refreshing every second
 * must not make columns jump), sortable by name, state and created.
 */
export function AppsTable({
  apps,
  sort,
  order,
  onSort,
  stale = false,
  describedBy,
}: {
  apps: AppDto[];
  sort: SortKey;
  order: SortOrder;
  onSort: (key: SortKey) => void;
  /** The filter above is wrong and this is the last valid result. */
  stale?: boolean;
  describedBy?: string;
}) {
  const sortProps = { sort, order, onSort };
  return (
    // Stale: marked by a border and the note above, not by fading (faded text would fail contrast).
    <div className={`relative overflow-x-auto rounded-lg border bg-white shadow-sm ${stale ? 'border-dashed border-amber-500' : 'border-slate-200'}`}>
      <table className="w-full min-w-0 table-fixed text-left text-sm sm:min-w-[40rem]" aria-describedby={describedBy}>
        <caption className="sr-only">Apps of this project{stale ? ', for the last valid label selector' : ''}</caption>
        <colgroup>
          <col />
          <col className="w-32" />
          <col className="hidden w-20 sm:table-column" />
          <col className="hidden w-[18%] md:table-column" />
          <col className="hidden w-80 lg:table-column" />
          <col className="hidden w-40 sm:table-column" />
        </colgroup>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
          <tr>
            <SortHeader label="Name" column="name" {...sortProps} />
            <SortHeader label="State" column="state" {...sortProps} />
            <th scope="col" className={`${TH} hidden sm:table-cell`}>
              Region
            </th>
            <th scope="col" className={`${TH} hidden md:table-cell`}>
              Labels
            </th>
            <th scope="col" className={`${TH} hidden lg:table-cell`}>
              Access URL
            </th>
            <SortHeader label="Created" column="created" className="hidden sm:table-cell" {...sortProps} />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {apps.map((app) => (
            <tr key={app.id} className="align-top hover:bg-slate-50">
              <td className="px-4 py-3">
                <Link href={`/apps/${app.id}`} className="font-semibold break-words text-brand-600 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600">
                  {app.spec.name}
                </Link>
                <div className="mt-0.5 text-xs text-slate-600">
                  {externalFieldsOf(app) && <span className="font-medium">External · </span>}
                  <BreakableText className="font-mono" text={appSourceText(app)} />
                  <span className="sm:hidden"> · {app.spec.region}</span>
                </div>
              </td>
              <td className="px-4 py-3">
                <StateBadge state={app.status.state} />
              </td>
              <td className="hidden px-4 py-3 font-medium sm:table-cell">{app.spec.region}</td>
              <td className="hidden px-4 py-3 md:table-cell">
                <LabelChips labels={app.spec.labels} hidePlatform />
              </td>
              <td className="hidden px-4 py-3 lg:table-cell">
                <ShortUrl url={app.status.url} appId={app.id} appName={app.spec.name} />
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
