import { useEffect, useState } from 'preact/hooks';

export type Simulator = { buttplug: string; lovense: string };

/**
 * Where the local device simulator listens, when this is the local stack (`/dev/devices`, a stand-in route
 * that answers 404 anywhere else): the panel then offers "Encore simulator" first.
 */
export function useSimulator(): Simulator | null {
  const [simulator, setSimulator] = useState<Simulator | null>(null);
  useEffect(() => {
    let live = true;
    fetch('/dev/devices')
      .then(async (response) => {
        if (!response.ok) return;
        const body = (await response.json()) as Partial<Simulator>;
        if (live && typeof body.buttplug === 'string' && typeof body.lovense === 'string')
          setSimulator({ buttplug: body.buttplug, lovense: body.lovense });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return simulator;
}
