import { getConfig, panelOrigin } from '../config/config.ts';
import type { App, AppEvent, AppReplica } from '../db/generated/client.ts';
import { asLabels } from '../labels/labels.ts';
import { appUrl } from './app-host.ts';
import { readRuntimeFields } from './app-runtime-fields.ts';

/** What the DTO reads besides the app row: its history (oldest first) and its replicas. */
export const APP_DETAIL = {
  events: { orderBy: { createdAt: 'asc' } },
  replicaSet: { select: { slot: true, generation: true, ready: true }, orderBy: { slot: 'asc' } },
} as const;

export type AppWithDetail = App & {
  events: Pick<AppEvent, 'state' | 'reason' | 'createdAt'>[];
  replicaSet: Pick<AppReplica, 'slot' | 'generation' | 'ready'>[];
};

/** OVHcloud's app shape: spec as submitted (platform labels included, secrets masked), status as observed. */
export function appDto(app: AppWithDetail, extra?: { replacedLabels?: string[] }) {
  const config = getConfig();
  const runtime = readRuntimeFields(app);
  return {
    id: app.id,
    createdAt: app.createdAt.toISOString(),
    updatedAt: app.updatedAt.toISOString(),
    spec: {
      name: app.name,
      image: runtime.image,
      upstreamUrl: runtime.upstream?.url ?? null,
      preserveHost: app.preserveHost,
      tlsSkipVerify: app.tlsSkipVerify,
      region: app.region,
      labels: asLabels(app.labels),
      command: runtime.command,
      // A secret's value never leaves the server after creation: sending the entry back without it keeps it.
      envVars: runtime.envVars.map((env) => (env.secret ? { name: env.name, secret: true } : { name: env.name, value: env.value, secret: false })),
      defaultHttpPort: runtime.defaultHttpPort,
      probe: runtime.probe,
      resources: runtime.resources,
      scalingStrategy: { fixed: { replicas: app.replicas } },
      unsecureHttp: app.unsecureHttp,
      allowPanelUsers: app.allowPanelUsers,
    },
    status: {
      state: app.state,
      ...(app.statusInfo ? { info: app.statusInfo } : {}),
      url: appUrl({ appId: app.id, region: app.region, panelOrigin: panelOrigin(config) }),
      replicas: replicaCounts(app),
      generation: app.generation,
      rollout: rolloutStatus(app),
      imageDigest: app.imageDigest,
      ...(Array.isArray(app.lastOutput) && app.lastOutput.length ? { lastOutput: app.lastOutput as string[] } : {}),
      history: app.events.map((e) => ({ state: e.state, date: e.createdAt.toISOString(), ...(e.reason ? { reason: e.reason } : {}) })),
      ...(extra?.replacedLabels?.length ? { replacedLabels: extra.replacedLabels } : {}),
    },
  };
}

export type AppDto = ReturnType<typeof appDto>;

/** ready: replicas that answer, any generation; current: those of the generation the spec asks for. */
function replicaCounts(app: AppWithDetail) {
  const ready = app.replicaSet.filter((r) => r.ready);
  return {
    desired: app.desiredState === 'RUNNING' ? app.replicas : 0,
    ready: ready.length,
    current: ready.filter((r) => r.generation === app.generation).length,
  };
}

/**
 * Where the rollout of the current generation stands: failed (the previous
 * generation, if any, keeps serving), done (every replica answers, all of this
 * generation), or progressing.
 */
function rolloutStatus(app: AppWithDetail): 'done' | 'progressing' | 'failed' {
  if (app.failedGeneration === app.generation) return 'failed';
  const counts = replicaCounts(app);
  const settled = app.state === 'RUNNING' && counts.current === app.replicas && counts.ready === counts.current;
  return settled ? 'done' : 'progressing';
}
