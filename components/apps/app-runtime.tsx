import type { ReactNode } from 'react';
import type { AppDto } from '@/lib/apps/app-dto';
import { joinShellWords } from '@/lib/panel/shell-words';
import { Card } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { Detail } from './detail-item';

/** What runs: image (and the digest the runtime resolved), command, env vars, port, health check, limits. */
export function AppRuntime({ app, actions }: { app: AppDto; actions?: ReactNode }) {
  const { spec, status } = app;
  const { cpu, memoryMiB } = spec.resources;
  return (
    <Card title="Runtime" titleId="runtime-heading" actions={actions}>
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
        <Detail term="Image" wide>
          <span className="font-mono text-xs break-all">{spec.image}</span>
          {status.imageDigest && (
            <span className="mt-1 flex items-center gap-2">
              <span className="font-mono text-xs break-all text-slate-600" title={status.imageDigest}>
                {status.imageDigest}
              </span>
              <CopyButton text={status.imageDigest} label="Copy image digest" />
            </span>
          )}
        </Detail>
        <Detail term="Command" wide>
          {spec.command ? (
            <code className="font-mono text-xs break-all whitespace-pre-wrap">{joinShellWords(spec.command)}</code>
          ) : (
            <span className="text-slate-600">The image&apos;s own</span>
          )}
        </Detail>
        <Detail term="Env vars" wide>
          {spec.envVars.length === 0 ? (
            <span className="text-slate-600">None</span>
          ) : (
            <ul aria-label="Env vars" className="space-y-0.5 font-mono text-xs">
              {spec.envVars.map((env) => (
                <li key={env.name} className="break-all">
                  <span className="font-semibold">{env.name}</span>=
                  {env.secret ? <span className="font-sans text-slate-600">•••• (secret)</span> : env.value}
                </li>
              ))}
            </ul>
          )}
        </Detail>
        <Detail term="Port">{spec.defaultHttpPort}</Detail>
        <Detail term="Health check">
          <span className="font-mono text-xs">GET {spec.probe.path}</span> on port {spec.probe.port}
        </Detail>
        <Detail term="CPU">{cpu === null ? 'No limit' : `${cpu} ${cpu === 1 ? 'core' : 'cores'} per replica`}</Detail>
        <Detail term="Memory">{memoryMiB === null ? 'No limit' : `${memoryMiB} MiB per replica`}</Detail>
      </dl>
    </Card>
  );
}
