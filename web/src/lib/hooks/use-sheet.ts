import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * A non-modal sheet (a `<dialog>` opened with show()): the page stays usable while it is open, focus moves
 * into it (the first element `focusFirst` matches) and back to its opener on close, and Escape closes it from
 * anywhere on the page (a button that went busy may have given up the focus). The tip sheet and the phone's
 * show sheet.
 */
export function useSheet(focusFirst: string) {
  const sheet = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [shown, setShown] = useState(false);
  const open = () => {
    sheet.current?.show();
    setShown(true);
    sheet.current?.querySelector<HTMLElement>(focusFirst)?.focus();
  };
  const close = () => {
    sheet.current?.close();
    setShown(false);
    opener.current?.focus();
  };
  useEffect(() => {
    if (!shown) return;
    const onEscape = (e: KeyboardEvent) => e.key === 'Escape' && close();
    document.addEventListener('keydown', onEscape);
    return () => document.removeEventListener('keydown', onEscape);
  }, [shown]);
  return { sheet, opener, shown, open, close };
}
