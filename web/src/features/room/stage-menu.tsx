import { usePopoverMenu } from './popover-menu.ts';
import '../../styles/stage-menu.css';

type Toggle = { label: string; pressed: boolean; onToggle: () => void };

/**
 * On a phone, the stage's tools (tip sounds, fullscreen) behind one button over the video's corner: the row
 * of buttons under the video has no room there. The menu opens in the top layer (a popover); Escape or a
 * tap elsewhere closes it and the focus goes back to its button.
 */
export function StageMenu({ toggles }: { toggles: Toggle[] }) {
  const { id, menu, button, open, onKeyDown } = usePopoverMenu();
  return (
    <div class="stage-menu">
      <button
        type="button"
        ref={button}
        class="button button--small stage-menu-open"
        aria-label="Video options"
        aria-expanded={open}
        popovertarget={id}
      >
        <span aria-hidden="true">⋮</span>
      </button>
      <fieldset
        ref={menu}
        id={id}
        popover="auto"
        class="group stage-menu-items"
        aria-label="Video options"
        onKeyDown={onKeyDown}
      >
        {toggles.map((t) => (
          <button
            key={t.label}
            type="button"
            class="button button--small"
            aria-pressed={t.pressed}
            onClick={t.onToggle}
          >
            {t.label}
          </button>
        ))}
      </fieldset>
    </div>
  );
}
