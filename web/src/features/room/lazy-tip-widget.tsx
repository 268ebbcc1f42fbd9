import { useEffect } from 'preact/hooks';
import { Icon } from '../../components/icon.tsx';
import { lazyPart, useLazyPart } from '../../lib/hooks/use-lazy-part.ts';
import type { RoomConnection } from './room-connection.ts';

const part = lazyPart(() => import('./tip-widget.tsx'));

type Props = { room: RoomConnection; signedIn: boolean; self: boolean; name: string; open: boolean };

/**
 * The full tip form (note, private, anonymous), fetched when its sheet first opens: the tip bar's presets
 * send most tips, so the form stays out of the room's cold load (issue 18's budget). The title is there
 * at once (it names the dialog); focus moves to the form's first control when it arrives.
 */
export function TipWidget({ open, ...props }: Props) {
  const loaded = useLazyPart(part, open);
  useEffect(() => {
    // Opening focused the sheet's first control there was (Close); the form's first one is the better start.
    const body = document.getElementById('tip-body');
    if (loaded && body?.closest('dialog')?.contains(document.activeElement))
      body.querySelector<HTMLElement>('button, input')?.focus();
  }, [loaded]);
  if (loaded) return <loaded.TipWidget {...props} />;
  return (
    <div class="tip-widget" aria-busy="true">
      <h2 id="tip-title" class="room-panel-title">
        <Icon name="coin" /> Send a tip to {props.name}
      </h2>
      <p class="muted">Loading the tip form…</p>
    </div>
  );
}
