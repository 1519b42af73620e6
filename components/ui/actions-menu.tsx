'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  tone?: 'default' | 'danger';
}

/** Pixels between the button and the menu under it. */
const MENU_GAP = 4;

interface Position {
  top: number;
  right: number;
}

/**
 * A row's action menu (WAI-ARIA menu button): Enter, Space or the arrows open
 * it, arrows move, Escape or Tab close it and focus returns to the button. The
 * list is fixed-positioned so a scrolling table cannot clip it.
 */
export function ActionsMenu({ items, label = 'Actions', describedBy }: { items: MenuItem[]; label?: string; describedBy?: string }) {
  const [position, setPosition] = useState<Position | null>(null);
  const [initial, setInitial] = useState<'first' | 'last'>('first');
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const menuId = useId();
  const open = position !== null;
  const anchorTop = position?.top;

  useEffect(() => {
    if (!open) return;
    const entries = menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]');
    const target = initial === 'first' ? entries?.[0] : entries?.[entries.length - 1];
    target?.focus();
    const close = () => setPosition(null);
    // A scroll that moved the button takes the menu away from it: close. One that did not (a scroll
    // event that lands just after the menu opened, from the scroll that brought the button into view,
    // or a scroll elsewhere on the page) leaves it open.
    const onScroll = () => {
      const rect = buttonRef.current?.getBoundingClientRect();
      if (!rect || anchorTop === undefined || Math.abs(rect.bottom + MENU_GAP - anchorTop) > 1) close();
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) close();
    };
    window.addEventListener('resize', close);
    window.addEventListener('scroll', onScroll, true);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('resize', close);
      window.removeEventListener('scroll', onScroll, true);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, initial, anchorTop]);

  function show(which: 'first' | 'last') {
    const rect = buttonRef.current?.getBoundingClientRect();
    if (!rect) return;
    setInitial(which);
    setPosition({ top: rect.bottom + MENU_GAP, right: Math.max(8, window.innerWidth - rect.right) });
  }

  function hide(refocus: boolean) {
    setPosition(null);
    if (refocus) buttonRef.current?.focus();
  }

  function onButtonKey(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      show(event.key === 'ArrowDown' ? 'first' : 'last');
    }
  }

  function onMenuKey(event: KeyboardEvent<HTMLUListElement>) {
    const entries = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]'));
    const index = entries.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      entries[(to + entries.length) % entries.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(entries.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      hide(true);
    } else if (event.key === 'Tab') hide(false);
  }

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        aria-label={label}
        aria-describedby={describedBy}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? hide(false) : show('first'))}
        onKeyDown={onButtonKey}
        className="inline-flex h-8 w-8 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600 aria-expanded:bg-slate-100"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="currentColor">
          <circle cx="12" cy="5" r="1.8" />
          <circle cx="12" cy="12" r="1.8" />
          <circle cx="12" cy="19" r="1.8" />
        </svg>
      </button>
      {position && (
        <ul
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={label}
          onKeyDown={onMenuKey}
          style={{ top: position.top, right: position.right }}
          className="fixed z-40 min-w-44 rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
        >
          {items.map((item) => (
            <li key={item.label} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  // Focus goes back to the button first, so a dialog opened next returns it there.
                  hide(true);
                  item.onSelect();
                }}
                className={`block w-full px-4 py-2 text-left hover:bg-slate-100 focus:bg-slate-100 focus:outline-none ${
                  item.tone === 'danger' ? 'text-red-700' : 'text-slate-800'
                }`}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
