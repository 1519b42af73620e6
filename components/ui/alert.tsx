import type { ReactNode } from 'react';

type Tone = 'info' | 'success' | 'warning' | 'error';

const TONES: Record<Tone, { box: string; icon: string; path: string }> = {
  info: { box: 'border-brand-100 bg-brand-50 text-brand-900', icon: 'text-brand-600', path: 'M12 16v-4m0-4h.01' },
  success: { box: 'border-green-200 bg-green-50 text-green-900', icon: 'text-green-600', path: 'm8 12 3 3 5-6' },
  warning: { box: 'border-amber-200 bg-amber-50 text-amber-900', icon: 'text-amber-600', path: 'M12 8v4m0 4h.01' },
  error: { box: 'border-red-200 bg-red-50 text-red-900', icon: 'text-red-600', path: 'm15 9-6 6m0-6 6 6' },
};

/**
 * A message box. Errors are announced (role="alert"); other tones are plain
 * regions unless `live` asks for a polite announcement.
 */
export function Alert({
  tone = 'info',
  title,
  children,
  action,
  live = false,
  className = '',
}: {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  live?: boolean;
  className?: string;
}) {
  const style = TONES[tone];
  const role = tone === 'error' ? 'alert' : live ? 'status' : undefined;
  return (
    <div role={role} className={`flex gap-3 rounded-md border px-4 py-3 text-sm ${style.box} ${className}`}>
      <svg aria-hidden="true" viewBox="0 0 24 24" className={`mt-0.5 h-5 w-5 shrink-0 ${style.icon}`} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
        <circle cx="12" cy="12" r="10" />
        <path d={style.path} />
      </svg>
      <div className="min-w-0 flex-1">
        {title && <p className="font-semibold">{title}</p>}
        {children && <div className={title ? 'mt-1' : ''}>{children}</div>}
      </div>
      {action && <div className="shrink-0">{action}</div>}
    </div>
  );
}
