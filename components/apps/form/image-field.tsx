'use client';

import { useId } from 'react';
import type { ImageOption } from '@/lib/dal/panel-options';
import { InputField } from '@/components/ui/input-field';

/**
 * The image: any reference the runtime can pull, typed freely, with the
 * built-in images suggested as you type (a native datalist: keyboard and
 * screen reader support come with the browser). When this Tollgate runs apps
 * as local processes, only the built-ins can run, and the hint says so.
 */
export function ImageField({
  value,
  onChange,
  error,
  images,
  anyImage,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  images: ImageOption[];
  anyImage: boolean;
}) {
  const id = useId();
  const listId = `${id}-suggestions`;
  const builtIn = images.find((entry) => entry.image === value.trim());
  const names = images.map((entry) => entry.image).join(', ');
  const hint = (
    <>
      {builtIn ? (
        <span className="block text-slate-700">Built-in: {builtIn.description}.</span>
      ) : (
        anyImage && <span className="block">Any image reference, e.g. nginx:1.27 or ghcr.io/org/app@sha256:…</span>
      )}
      {anyImage ? (
        <span className="block">Built-in images are suggested as you type: {names}.</span>
      ) : (
        <span className="block font-medium text-amber-800">
          This Tollgate runs apps as local processes: only its built-in images can run ({names}).
        </span>
      )}
    </>
  );
  return (
    <InputField
      id={id}
      label="Image"
      value={value}
      onChange={onChange}
      error={error}
      hint={hint}
      list={listId}
      placeholder={images[0]?.image ?? 'nginx:1.27'}
      inputClassName="font-mono"
    >
      <datalist id={listId}>
        {images.map((entry) => (
          <option key={entry.image} value={entry.image} label={entry.description} />
        ))}
      </datalist>
    </InputField>
  );
}
