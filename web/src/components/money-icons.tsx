import type { JSX } from 'preact';
import { Icon, type IconName, Svg } from './icon.tsx';

// Icons only the wallet and earnings pages use, kept out of the home page's bundle.
const PATHS = {
  cart: (
    <>
      <circle cx="9" cy="21" r="1" />
      <circle cx="20" cy="21" r="1" />
      <path d="M1 1h4l2.68 13.39a2 2 0 0 0 2 1.61h9.72a2 2 0 0 0 2-1.61L23 6H6" />
    </>
  ),
  undo: (
    <>
      <path d="M1 4v6h6" />
      <path d="M3.51 15a9 9 0 1 0 2.13-9.36L1 10" />
    </>
  ),
  alert: (
    <>
      <path d="M10.29 3.86L1.82 18a2 2 0 0 0 1.71 3h16.94a2 2 0 0 0 1.71-3L13.71 3.86a2 2 0 0 0-3.42 0z" />
      <path d="M12 9v4M12 17h.01" />
    </>
  ),
  sliders: <path d="M4 21v-7M4 10V3M12 21v-9M12 8V3M20 21v-5M20 12V3M1 14h6M9 8h6M17 16h6" />,
  target: (
    <>
      <circle cx="12" cy="12" r="10" />
      <circle cx="12" cy="12" r="6" />
      <circle cx="12" cy="12" r="2" />
    </>
  ),
  check: <path d="M20 6L9 17l-5-5" />,
  x: <path d="M18 6L6 18M6 6l12 12" />,
  clock: (
    <>
      <circle cx="12" cy="12" r="10" />
      <path d="M12 6v6l4 2" />
    </>
  ),
} satisfies Record<string, JSX.Element>;

export type MoneyIconName = keyof typeof PATHS | IconName;

/** Any icon from the shared set or this one. */
export function MoneyIcon({ name, class: extra }: { name: MoneyIconName; class?: string }) {
  return name in PATHS ? (
    <Svg class={extra}>{PATHS[name as keyof typeof PATHS]}</Svg>
  ) : (
    <Icon name={name as IconName} class={extra} />
  );
}
