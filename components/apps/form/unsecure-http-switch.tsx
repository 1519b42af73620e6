'use client';

import { useId } from 'react';
import { Alert } from '@/components/ui/alert';
import { Switch } from '@/components/ui/switch';

/** Unsecure HTTP, with what it means said next to it. */
export function UnsecureHttpSwitch({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div>
      <Switch id={id} label="Unsecure HTTP" checked={checked} onChange={onChange} describedBy={`${id}-note`} />
      <div id={`${id}-note`} className="mt-2">
        {checked ? (
          <Alert tone="warning" title="Anyone can reach this app">
            With Unsecure HTTP, the app&apos;s URL answers every request without a token. Only use it for public content.
          </Alert>
        ) : (
          <p className="text-xs text-slate-600">Off: only requests with a token whose scope covers this app get through.</p>
        )}
      </div>
    </div>
  );
}
