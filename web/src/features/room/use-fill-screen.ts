import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';

/**
 * On a phone the room fills the screen below whatever sits above it (the header, a banner that comes and
 * goes): the offset is measured into `--room-top`, which the layout subtracts from the screen's height.
 */
export function useFillScreen(element: RefObject<HTMLElement | null>, on: boolean): void {
  useLayoutEffect(() => {
    const box = element.current;
    if (!on || !box) return;
    const measure = () => box.style.setProperty('--room-top', `${box.getBoundingClientRect().top + scrollY}px`);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [on]);
}
