import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { Icon, type IconName } from '../../components/icon.tsx';

/**
 * One of the studio's tabs. A feature adds its own by adding one entry to the list the studio passes
 * (studio-live.tsx); `content` is rendered once and kept mounted, so a half-filled form or a device
 * connection survives switching tabs.
 */
export type StudioPanel = { id: string; label: string; icon?: IconName; content: ComponentChildren };

const REMEMBERED = 'encore.studio.panel';

function remembered(panels: readonly StudioPanel[]): string {
  try {
    const id = localStorage.getItem(REMEMBERED);
    if (id && panels.some((p) => p.id === id)) return id;
  } catch {
    // Storage refused (private mode): the first tab.
  }
  return panels[0]?.id ?? '';
}

/**
 * The studio's tools as tabs under the camera (the ARIA tabs pattern: arrow keys, Home and End move
 * between tabs and select them). The chosen tab is remembered on this device.
 */
export function StudioPanels({ panels, label }: { panels: readonly StudioPanel[]; label: string }) {
  const [chosen, setChosen] = useState(() => remembered(panels));
  const tabs = useRef<HTMLDivElement>(null);
  const current = panels.some((p) => p.id === chosen) ? chosen : (panels[0]?.id ?? '');
  const choose = (id: string, focus = false) => {
    setChosen(id);
    try {
      localStorage.setItem(REMEMBERED, id);
    } catch {
      // Not remembered; the choice still holds on this page.
    }
    if (focus) requestAnimationFrame(() => tabs.current?.querySelector<HTMLElement>(`#studio-tab-${id}`)?.focus());
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const at = panels.findIndex((p) => p.id === current);
    const to =
      event.key === 'ArrowRight'
        ? (at + 1) % panels.length
        : event.key === 'ArrowLeft'
          ? (at - 1 + panels.length) % panels.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? panels.length - 1
              : -1;
    if (to < 0) return;
    event.preventDefault();
    choose(panels[to]!.id, true);
  };
  return (
    <section class="studio-panels" aria-label={label}>
      <div class="studio-tabs" role="tablist" aria-label={label} ref={tabs} onKeyDown={onKeyDown}>
        {panels.map((panel) => (
          <button
            key={panel.id}
            type="button"
            role="tab"
            id={`studio-tab-${panel.id}`}
            class="studio-tab"
            aria-selected={panel.id === current}
            aria-controls={`studio-panel-${panel.id}`}
            tabIndex={panel.id === current ? 0 : -1}
            onClick={() => choose(panel.id)}
          >
            {panel.icon && <Icon name={panel.icon} />}
            {panel.label}
          </button>
        ))}
      </div>
      {panels.map((panel) => (
        <div
          key={panel.id}
          role="tabpanel"
          id={`studio-panel-${panel.id}`}
          class="studio-panel"
          aria-labelledby={`studio-tab-${panel.id}`}
          hidden={panel.id !== current}
        >
          {panel.content}
        </div>
      ))}
    </section>
  );
}
