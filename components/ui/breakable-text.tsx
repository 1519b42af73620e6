import { Fragment } from 'react';

/**
 * Long machine text (an image name, a URL) that may wrap only after its
 * separators — `/`, `:`, `@`, `.`, `?`, `&` — so "hello-world" never splits
 * into "hello-wo" / "rld", nor at its hyphen: each part is kept whole
 * (nowrap), with a <wbr> between parts.
 */
export function BreakableText({ text, className = '' }: { text: string; className?: string }) {
  const parts = text.split(/(?<=[/:@.?&])/);
  return (
    <span className={`break-words ${className}`}>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          <span className="whitespace-nowrap">{part}</span>
        </Fragment>
      ))}
    </span>
  );
}
