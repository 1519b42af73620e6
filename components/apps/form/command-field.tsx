'use client';

import { useId } from 'react';
import { splitShellWords } from '@/lib/panel/shell-words';
import { InputField } from '@/components/ui/input-field';

/**
 * The command as one line, split into arguments the way a shell would split
 * it: that is how commands are written in READMEs and Dockerfiles, and a long
 * one pastes in one go. What the API will get, one argument per chip, shows
 * under the field, so a quoting slip is seen before deploying.
 */
export function CommandField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string }) {
  const id = useId();
  const split = value.trim() === '' ? null : splitShellWords(value);
  const args = split && 'args' in split ? split.args : null;
  return (
    <div>
      <InputField
        id={id}
        label="Command"
        optional
        value={value}
        onChange={onChange}
        error={error}
        placeholder="python app.py --port 8080"
        inputClassName="font-mono"
        hint={
          <>
            Leave empty to run the image&apos;s own command. Spaces separate arguments; quote one that holds spaces (&quot;a b&quot; or
            &apos;a b&apos;). No shell runs it: <code className="font-mono">$VARS</code> and <code className="font-mono">*</code> reach the
            program as typed.
          </>
        }
      />
      {args && args.length > 0 && (
        <div className="mt-2">
          <p id={`${id}-args`} className="text-xs font-medium text-slate-600">
            Runs {args.length === 1 ? '1 argument' : `${args.length} arguments`}:
          </p>
          <ol aria-labelledby={`${id}-args`} className="mt-1 flex flex-wrap gap-1.5">
            {args.map((arg, index) => (
              <li key={index} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs break-all whitespace-pre-wrap text-slate-800 ring-1 ring-slate-200 ring-inset">
                {arg === '' ? <span className="text-slate-500 italic">(empty)</span> : arg}
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
