import { Fragment } from 'react';

/**
 * Long machine text (an image name, a URL) that may wrap only after its
 * separators — `/`, `:`, `@`, `.`, `?`, `&` — so "hello-world" never splits
 * into "hello-wo" / "rld". A single part longer than the line still wraps
 * (overflow-wrap: break-word) rather than overflow.
 */
export function BreakableText({ text, className = '' }: { text: string; className?: string }) {
  const parts = text.split(/(?<=[/:@.?&])/);
  return (
    <span className={`break-words ${className}`}>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </span>
  );
}
