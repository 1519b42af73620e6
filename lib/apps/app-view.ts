import type { AppView } from '../authz/authorize';

/** What `authorize` needs to know of an app. */
export function toAppView(app: { id: string; projectId: string; region: string; labels: unknown; unsecureHttp: boolean }): AppView {
  return {
    id: app.id,
    projectId: app.projectId,
    region: app.region,
    labels: app.labels as Record<string, string>,
    unsecureHttp: app.unsecureHttp,
  };
}
