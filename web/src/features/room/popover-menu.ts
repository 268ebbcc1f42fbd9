import { useEffect, useRef, useState } from 'preact/hooks';

/** Space kept between the menu and the screen's edges, and between the menu and its button. */
const EDGE = 8;
const GAP = 4;

/**
 * Puts the open menu beside its button: below it, or above when the screen ends first (the last message at
 * the bottom of the chat), and never past the left or right edge.
 */
export function placeMenu(menu: HTMLElement, button: HTMLElement): void {
  const at = button.getBoundingClientRect();
  const { width, height } = menu.getBoundingClientRect();
  const below = at.bottom + GAP + height <= innerHeight - EDGE;
  const top = below ? at.bottom + GAP : Math.max(EDGE, at.top - GAP - height);
  const left = Math.min(Math.max(EDGE, at.right - width), innerWidth - EDGE - width);
  menu.style.top = `${Math.round(top)}px`;
  menu.style.left = `${Math.round(Math.max(EDGE, left))}px`;
}

/**
 * A small menu in the browser's top layer (a `popover="auto"` element its button opens through
 * `popovertarget`), so no scrolling or clipping box around the button can cut it: placed beside the button
 * as it opens (hidden until placed, so it never flashes elsewhere), focus on its first button. Escape, a
 * click elsewhere or a second click on the button closes it (the browser's own popover handling), and so
 * does a scroll, which would leave it floating away from its button. `close` hands the focus back.
 */
let menus = 0;

export function usePopoverMenu() {
  const [id] = useState(() => `popover-menu-${++menus}`);
  const menu = useRef<HTMLFieldSetElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const box = menu.current;
    if (!box) return;
    const toggled = (e: Event) => {
      const opened = (e as ToggleEvent).newState === 'open';
      setOpen(opened);
      if (!opened) return box.removeAttribute('data-placed');
      if (button.current) placeMenu(box, button.current);
      box.setAttribute('data-placed', '');
      box.querySelector<HTMLElement>('button')?.focus();
    };
    box.addEventListener('toggle', toggled);
    return () => box.removeEventListener('toggle', toggled);
  }, []);
  useEffect(() => {
    if (!open) return;
    const away = (e: Event) => {
      // A scroll inside the menu keeps it; the window's own scroll and resize have no node for a target.
      if (!(e.target instanceof Node && menu.current?.contains(e.target))) menu.current?.hidePopover();
    };
    addEventListener('scroll', away, true);
    addEventListener('resize', away);
    return () => {
      removeEventListener('scroll', away, true);
      removeEventListener('resize', away);
    };
  }, [open]);
  const close = () => {
    menu.current?.hidePopover();
    button.current?.focus();
  };
  // Escape is the browser's light dismiss; the focus still goes back to the button that opened the menu.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') button.current?.focus();
  };
  return { id, menu, button, open, close, onKeyDown };
}
