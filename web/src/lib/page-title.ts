import { useEffect } from 'preact/hooks';

/** Sets the tab title for the page on show. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Encore` : 'Encore';
  }, [title]);
}
