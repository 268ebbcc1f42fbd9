import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { Icon, type IconName } from './icon.tsx';

export type ConsoleLink = { href: string; label: string; icon: IconName };

/** The studio's and the admin dashboard's frame: a side nav (a scrolling strip on phones) and a work area. */
export function ConsoleLayout({
  label,
  links,
  compact = false,
  children,
}: {
  label: string;
  links: ConsoleLink[];
  /** Icons only on wide screens (the studio on air needs the width); the labels stay as accessible names. */
  compact?: boolean;
  children: ComponentChildren;
}) {
  const { path } = useLocation();
  const nav = useRef<HTMLElement>(null);
  // On phones the nav is a scrolling strip; keep the current section in view.
  useEffect(
    () => nav.current?.querySelector('[aria-current]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' }),
    [path],
  );
  return (
    <div class={compact ? 'console console--compact' : 'console'}>
      <nav class="console-nav" aria-label={label} ref={nav}>
        <ul>
          {links.map((link) => (
            <li key={link.href}>
              <a
                href={link.href}
                aria-current={path === link.href ? 'page' : undefined}
                title={compact ? link.label : undefined}
              >
                <Icon name={link.icon} class="console-nav-icon" />
                <span class="console-nav-label">{link.label}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="console-body">{children}</div>
    </div>
  );
}
