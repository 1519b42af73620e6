import type { AppView } from '../authz/authorize.ts';
import { asLabels } from '../labels/labels.ts';

/** What `authorize` needs to know of an app. */
export function toAppView(app: { id: string; projectId: string; region: string; labels: unknown; unsecureHttp: boolean; allowPanelUsers?: boolean }): AppView {
  return { id: app.id, projectId: app.projectId, region: app.region, labels: asLabels(app.labels), unsecureHttp: app.unsecureHttp, allowPanelUsers: app.allowPanelUsers };
}
