import { appUrl } from '../server/app-host';

export interface AppRecord {
  id: string;
  name: string;
  image: string;
  region: string;
  port: number;
  labels: unknown;
  unsecureHttp: boolean;
  state: string;
  createdAt: Date;
  updatedAt: Date;
  events?: { state: string; reason: string | null; createdAt: Date }[];
}

export interface UrlSettings {
  baseDomain: string;
  port: number;
}

/** OVHcloud's app shape: spec as submitted (platform labels included), status as observed. */
export function appDto(app: AppRecord, urls: UrlSettings, extra?: { replacedLabels?: string[] }) {
  return {
    id: app.id,
    createdAt: app.createdAt.toISOString(),
    updatedAt: app.updatedAt.toISOString(),
    spec: {
      name: app.name,
      image: app.image,
      region: app.region,
      labels: app.labels as Record<string, string>,
      defaultHttpPort: app.port,
      unsecureHttp: app.unsecureHttp,
    },
    status: {
      state: app.state,
      url: appUrl({ appId: app.id, region: app.region, baseDomain: urls.baseDomain, port: urls.port }),
      history: (app.events ?? []).map((e) => ({ state: e.state, date: e.createdAt.toISOString(), ...(e.reason ? { reason: e.reason } : {}) })),
      ...(extra?.replacedLabels?.length ? { replacedLabels: extra.replacedLabels } : {}),
    },
  };
}

export type AppDto = ReturnType<typeof appDto>;
