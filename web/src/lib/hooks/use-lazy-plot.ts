import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export type PlotPhase = 'loading' | 'ready' | 'failed';

/**
 * Draws a chart whose code (uPlot) loads only when a page shows one: `load` imports the plot
 * module and returns a draw function that fills the host and gives back its take-down. Redraws
 * when `signature` (the figures) changes; 'failed' lets the page show its table instead.
 */
export function useLazyPlot(
  load: () => Promise<(host: HTMLDivElement) => () => void>,
  signature: string,
): { host: RefObject<HTMLDivElement | null>; phase: PlotPhase } {
  const host = useRef<HTMLDivElement>(null);
  const [phase, setPhase] = useState<PlotPhase>('loading');
  useEffect(() => {
    let live = true;
    let takeDown: (() => void) | undefined;
    load().then(
      (draw) => {
        if (!live || !host.current) return;
        takeDown = draw(host.current);
        setPhase('ready');
      },
      () => live && setPhase('failed'),
    );
    return () => {
      live = false;
      takeDown?.();
    };
  }, [signature]);
  return { host, phase };
}
