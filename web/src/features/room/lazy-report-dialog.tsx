import { useEffect, useState } from 'preact/hooks';
import type { ReportDialog as Dialog } from './report-dialog.tsx';

type Props = Parameters<typeof Dialog>[0];

/**
 * The report dialog, fetched when first opened: few visitors report, so its code stays out of the room
 * page's cold load (issue 18's weight budget). Renders nothing for the moment the module takes to arrive.
 */
export function ReportDialog(props: Props) {
  const [Loaded, setLoaded] = useState<typeof Dialog | null>(null);
  useEffect(() => {
    void import('./report-dialog.tsx').then((m) => setLoaded(() => m.ReportDialog));
  }, []);
  return Loaded ? <Loaded {...props} /> : null;
}
