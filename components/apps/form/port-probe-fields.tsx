'use client';

import { useId } from 'react';
import { InputField } from '@/components/ui/input-field';
import { ProbePathField } from './probe-path-field';

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
  // A field's value, its error, and its change (which also rechecks `changed`).
  const bind = (key: keyof PortProbeValues, changed: string[] = [key]) => ({
    value: values[key],
    onChange: (value: string) => onChange({ [key]: value }, changed),
    error: errorOf(key),
  });
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <InputField
        id={`${id}-port`}
        label="Port"
        {...bind('port', ['port', 'probePort'])}
        hint="The HTTP port your app listens on."
        inputMode="numeric"
        inputClassName="max-w-40"
      />
      <ProbePathField
        id={`${id}-probe-path`}
        {...bind('probePath')}
        hint="A replica takes traffic once GET on this path answers 2xx or 3xx."
        inputClassName="font-mono"
      />
      <InputField
        id={`${id}-probe-port`}
        label="Health check port"
        optional
        {...bind('probePort')}
        hint={`Empty: the app's port (${port}).`}
        inputMode="numeric"
        placeholder={port}
        inputClassName="max-w-40"
      />
    </div>
  );
}
