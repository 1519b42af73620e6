import Link from 'next/link';
import type { ButtonHTMLAttributes, ComponentProps, MouseEvent, Ref } from 'react';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';
type Size = 'sm' | 'md';

// aria-disabled looks like disabled but keeps the button focusable: a button
// that turns itself off while it works (Stop, Next, Deploy) must not drop the
// keyboard user's focus to <body>.
const BASE =
  'inline-flex items-center justify-center gap-2 rounded-md font-medium whitespace-nowrap transition-colors ' +
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 ' +
  'disabled:cursor-not-allowed disabled:opacity-50 aria-disabled:cursor-not-allowed aria-disabled:opacity-50';

const VARIANTS: Record<Variant, string> = {
  primary: 'bg-brand-600 text-white shadow-sm hover:bg-brand-700 disabled:hover:bg-brand-600 aria-disabled:hover:bg-brand-600',
  secondary: 'border border-brand-600 bg-white text-brand-600 hover:bg-brand-50 disabled:hover:bg-white aria-disabled:hover:bg-white',
  danger: 'bg-red-600 text-white shadow-sm hover:bg-red-700 disabled:hover:bg-red-600 aria-disabled:hover:bg-red-600 focus-visible:outline-red-600',
  ghost: 'text-slate-700 hover:bg-slate-100',
};

const SIZES: Record<Size, string> = {
  sm: 'h-8 px-3 text-sm',
  md: 'h-10 px-4 text-sm',
};

export function buttonClass(variant: Variant = 'primary', size: Size = 'md', extra = ''): string {
  return `${BASE} ${VARIANTS[variant]} ${SIZES[size]} ${extra}`.trim();
}

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: Variant;
  size?: Size;
  /** Working: a spinner, aria-busy, and clicks ignored; the button keeps focus. */
  pending?: boolean;
  /** Not available now, but focusable (aria-disabled): use for buttons that turn off in place. */
  unavailable?: boolean;
  ref?: Ref<HTMLButtonElement>;
};

export function Button({ variant = 'primary', size = 'md', pending = false, unavailable = false, className = '', type = 'button', children, onClick, ...rest }: ButtonProps) {
  const off = pending || unavailable;
  function click(event: MouseEvent<HTMLButtonElement>) {
    if (off) {
      // A submit button must not submit its form either.
      event.preventDefault();
      return;
    }
    onClick?.(event);
  }
  return (
    <button type={type} className={buttonClass(variant, size, className)} aria-disabled={off || undefined} aria-busy={pending || undefined} onClick={click} {...rest}>
      {pending && <Spinner />}
      {children}
    </button>
  );
}

type LinkProps = ComponentProps<typeof Link> & { variant?: Variant; size?: Size };

export function ButtonLink({ variant = 'primary', size = 'md', className = '', ...rest }: LinkProps) {
  return <Link className={buttonClass(variant, size, className)} {...rest} />;
}

export function Spinner({ className = 'h-4 w-4' }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className={`animate-spin ${className}`} fill="none">
      <circle cx="12" cy="12" r="10" stroke="currentColor" strokeOpacity="0.25" strokeWidth="4" />
      <path d="M22 12a10 10 0 0 0-10-10" stroke="currentColor" strokeWidth="4" strokeLinecap="round" />
    </svg>
  );
}
