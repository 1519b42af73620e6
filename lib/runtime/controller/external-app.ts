import { readRuntimeFields, type ExternalUpstream } from '../../apps/app-runtime-fields.ts';
import type { App, PrismaClient } from '../../db/generated/client.ts';
import { notifyChange, publishLocal } from '../../events/change-bus.ts';
import { probeHttp, type ProbeResult, type ProbeTarget } from '../probe.ts';
import { transition } from './app-transition.ts';

/** Where an external app's URL points, and how to talk to it. */
export function externalTarget(upstream: ExternalUpstream): ProbeTarget {
  const url = new URL(upstream.url);
  const secure = url.protocol === 'https:';
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 443 : 80,
    ...(secure ? { tls: { servername: url.hostname, rejectUnauthorized: !upstream.tlsSkipVerify } } : {}),
    hostHeader: url.host,
  };
}

/** Probes an external app at its probe path. */
export function probeExternal(upstream: ExternalUpstream, probePath: string): Promise<ProbeResult> {
  return probeHttp(externalTarget(upstream), probePath);
}

/**
 * The one "replica" of an external app: its upstream, in rotation while it
 * answers its probe. Written only when it changes, like engine replicas.
 */
export async function writeExternalReplica(prisma: PrismaClient, appId: string, generation: number, upstream: ExternalUpstream, ready: boolean): Promise<void> {
  const target = externalTarget(upstream);
  const id = `external-${appId}`;
  const current = await prisma.appReplica.findMany({ where: { appId } });
  const row = { id, appId, slot: 1, generation, host: target.host, port: target.port, tls: target.tls !== undefined, ready: true };
  const same = ready
    ? current.length === 1 && current[0]!.id === id && current[0]!.host === row.host && current[0]!.port === row.port && current[0]!.tls === row.tls && current[0]!.generation === generation
    : current.length === 0;
  if (same) return;
  await prisma.$transaction(async (tx) => {
    await tx.appReplica.deleteMany({ where: { appId } });
    if (ready) await tx.appReplica.create({ data: row });
    await notifyChange(tx, { kind: 'app', id: appId });
  });
  publishLocal({ kind: 'app', id: appId });
}

/**
 * An app Tollgate only gates: nothing to start or stop, only its probe to
 * follow. Unlike an engine's app it comes back by itself: FAILED while the
 * upstream does not answer, RUNNING again once it does. Stopped, the gateway
 * answers 503 without touching it.
 */
export async function convergeExternalApp(prisma: PrismaClient, app: App): Promise<void> {
  const upstream = readRuntimeFields(app).upstream!;
  if (app.desiredState !== 'RUNNING') {
    if (app.state === app.desiredState) return;
    await writeExternalReplica(prisma, app.id, app.generation, upstream, false);
    if (app.desiredState === 'DELETED') await prisma.gateSession.deleteMany({ where: { appId: app.id } });
    await transition(prisma, app.id, app.desiredState, { info: null });
    return;
  }
  const probe = await probeExternal(upstream, readRuntimeFields(app).probe.path);
  await writeExternalReplica(prisma, app.id, app.generation, upstream, probe.ok);
  if (probe.ok) {
    if (app.state !== 'RUNNING' || app.statusInfo !== null) await transition(prisma, app.id, 'RUNNING', { info: null, lastOutput: null });
    return;
  }
  const reason = `${upstream.url} does not answer its probe: ${probe.reason}`;
  if (app.state !== 'FAILED' || app.statusInfo !== reason) await transition(prisma, app.id, 'FAILED', { reason, event: app.state !== 'FAILED' });
}
