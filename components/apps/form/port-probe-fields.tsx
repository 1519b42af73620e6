'use client';

import { useId } from 'react';
import { InputField } from '@/components/ui/input-field';

export interface PortProbeValues {
  port: string;
  probePath: string;
  probePort: string;
}

/** The port the app listens on, and the health check that says a replica is ready. */
export function PortProbeFields({
  values,
  errorOf,
  onChange,
}: {
  values: PortProbeValues;
  errorOf: (key: string) => string | undefined;
  onChange: (patch: Partial<PortProbeValues>, changed: string[]) => void;
}) {
  const id = useId();
  const port = values.port.trim() || '8080';
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <InputField
        id={`${id}-port`}
        label="Port"
        value={values.port}
        onChange={(value) => onChange({ port: value }, ['port', 'probePort'])}
        error={errorOf('port')}
        hint="The HTTP port your app listens on."
        inputMode="numeric"
        inputClassName="max-w-40"
      />
      <InputField
        id={`${id}-probe-path`}
        label="Health check path"
        value={values.probePath}
        onChange={(value) => onChange({ probePath: value }, ['probePath'])}
        error={errorOf('probePath')}
        hint="A replica takes traffic once GET on this path answers 2xx or 3xx."
        placeholder="/"
        inputClassName="font-mono"
      />
      <InputField
        id={`${id}-probe-port`}
        label="Health check port"
        optional
        value={values.probePort}
        onChange={(value) => onChange({ probePort: value }, ['probePort'])}
        error={errorOf('probePort')}
        hint={`Empty: the app's port (${port}).`}
        inputMode="numeric"
        placeholder={port}
        inputClassName="max-w-40"
      />
    </div>
  );
}
