import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';

/** One tab of the room's panel. Features add theirs to the list live-room.tsx passes (id, label, content). */
export type RoomTab = {
  id: string;
  label: string;
  panel: ComponentChildren;
  count?: number;
  /** Mounted the first time it is chosen (then kept): a panel whose code loads on demand loads on that tap. */
  onDemand?: boolean;
};

/**
 * The room's tabs (tip menu, top tippers, songs, about; on a phone also chat and goal): the ARIA tabs
 * pattern, arrow keys move between tabs. Every panel stays mounted (hidden when not chosen), so the chat's
 * scroll and a half-typed message survive a look at the menu.
 */
export function RoomTabs({ tabs, label, initial }: { tabs: RoomTab[]; label: string; initial?: string }) {
  const [chosen, setChosen] = useState(initial ?? tabs[0]?.id ?? '');
  const list = useRef<HTMLDivElement>(null);
  const current = tabs.some((t) => t.id === chosen) ? chosen : (tabs[0]?.id ?? '');
  const [seen] = useState(() => new Set<string>());
  seen.add(current);
  const move = (e: KeyboardEvent) => {
    const at = tabs.findIndex((t) => t.id === current);
    const step = { ArrowRight: 1, ArrowLeft: -1, Home: -at, End: tabs.length - 1 - at }[e.key];
    if (step === undefined) return;
    e.preventDefault();
    const next = tabs[(at + step + tabs.length) % tabs.length]!;
    setChosen(next.id);
    list.current?.querySelector<HTMLElement>(`#room-tab-${next.id}`)?.focus();
  };
  return (
    <div class="room-tabs">
      <div class="room-tab-list" role="tablist" aria-label={label} ref={list} onKeyDown={move}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`room-tab-${tab.id}`}
            class="room-tab"
            aria-selected={tab.id === current}
            aria-controls={`room-panel-${tab.id}`}
            tabIndex={tab.id === current ? 0 : -1}
            onClick={() => setChosen(tab.id)}
          >
            {tab.label}
            {tab.count ? <span class="room-tab-count">{tab.count}</span> : null}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          id={`room-panel-${tab.id}`}
          class={`room-tab-panel room-tab-panel--${tab.id}`}
          role="tabpanel"
          aria-labelledby={`room-tab-${tab.id}`}
          hidden={tab.id !== current}
        >
          {!tab.onDemand || seen.has(tab.id) ? tab.panel : null}
        </div>
      ))}
    </div>
  );
}
