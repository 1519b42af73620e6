import { getConfig } from '../config/config.ts';
import type { App, AppEvent } from '../db/generated/client.ts';
import { asLabels } from '../labels/labels.ts';
import { appUrl } from './app-host.ts';

/** An app row with its state history, oldest first. */
export type AppWithEvents = App & { events: Pick<AppEvent, 'state' | 'reason' | 'createdAt'>[] };

/** OVHcloud's app shape: spec as submitted (platform labels included), status as observed. */
export function appDto(app: AppWithEvents, extra?: { replacedLabels?: string[] }) {
  const config = getConfig();
  return {
    id: app.id,
    createdAt: app.createdAt.toISOString(),
    updatedAt: app.updatedAt.toISOString(),
    spec: {
      name: app.name,
      image: app.image,
      region: app.region,
      labels: asLabels(app.labels),
      defaultHttpPort: app.port,
      unsecureHttp: app.unsecureHttp,
    },
    status: {
      state: app.state,
      url: appUrl({ appId: app.id, region: app.region, baseDomain: config.BASE_DOMAIN, port: config.PORT }),
      history: app.events.map((e) => ({ state: e.state, date: e.createdAt.toISOString(), ...(e.reason ? { reason: e.reason } : {}) })),
      ...(extra?.replacedLabels?.length ? { replacedLabels: extra.replacedLabels } : {}),
    },
  };
}

export type AppDto = ReturnType<typeof appDto>;
