import type { Metadata } from 'next';
import { requireUser, getProjectContext } from '@/lib/dal/current-user';
import { listProjectApps } from '@/lib/dal/apps';
import { StateBadge } from '@/components/state-badge';
import { LabelChips } from '@/components/label-chips';

export const metadata: Metadata = { title: 'Apps' };

export default async function AppsPage() {
  const user = await requireUser();
  const { current } = await getProjectContext(user.id);
  const apps = current ? await listProjectApps(user.id, current.id) : [];

  return (
    <section aria-labelledby="apps-heading">
      <h2 id="apps-heading" className="mb-4 text-lg font-semibold">
        Apps
      </h2>
      {apps.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          <p className="font-medium">No apps in this project yet</p>
          <p className="mt-1 text-sm text-slate-600">Deploy an app with labels, then create tokens scoped to those labels.</p>
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-4 py-3">Name</th>
                <th scope="col" className="px-4 py-3">State</th>
                <th scope="col" className="px-4 py-3">Region</th>
                <th scope="col" className="px-4 py-3">Labels</th>
                <th scope="col" className="px-4 py-3">Access URL</th>
                <th scope="col" className="px-4 py-3">Created</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {apps.map((app) => (
                <tr key={app.id}>
                  <td className="px-4 py-3">
                    <div className="font-medium">{app.name}</div>
                    <div className="font-mono text-xs text-slate-500">{app.image}</div>
                  </td>
                  <td className="px-4 py-3"><StateBadge state={app.state} /></td>
                  <td className="px-4 py-3">{app.region}</td>
                  <td className="px-4 py-3"><LabelChips labels={app.labels} /></td>
                  <td className="px-4 py-3 font-mono text-xs break-all">{app.url}</td>
                  <td className="px-4 py-3 whitespace-nowrap text-slate-600">
                    <time dateTime={app.createdAt}>{app.createdAt.slice(0, 16).replace('T', ' ')}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
