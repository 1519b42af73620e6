'use client';

import type { EnvRow } from '@/lib/panel/app-form-values';
import { FormSection } from '@/components/ui/form-section';
import { CommandField } from './command-field';
import { EnvVarsEditor } from './env-vars-editor';

/** What the app runs with: its command and env vars (shared by New app and Edit). */
export function CommandEnvSection({
  command,
  envRows,
  errorOf,
  onChange,
}: {
  command: string;
  envRows: EnvRow[];
  errorOf: (key: string) => string | undefined;
  onChange: (patch: { command?: string; envRows?: EnvRow[] }, changed: string[]) => void;
}) {
  return (
    <FormSection
      title="Command and env vars"
      description="Secret values are never shown again once saved, and are masked in the app's logs."
    >
      <CommandField value={command} onChange={(value) => onChange({ command: value }, ['command'])} error={errorOf('command')} />
      <div>
        <h4 className="mb-2 text-sm font-medium text-slate-900">Env vars</h4>
        <EnvVarsEditor rows={envRows} errorOf={errorOf} onChange={(rows, changed) => onChange({ envRows: rows }, changed)} />
      </div>
    </FormSection>
  );
}
