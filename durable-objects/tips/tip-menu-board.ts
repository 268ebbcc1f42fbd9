import { Reaction } from '../../wire/devices.ts';
import { type MenuItem, type MenuItemInput, memberPriceOf, type TipMenu } from '../../wire/tip-menu.ts';
import type { RoomContext } from '../room-context.ts';

/** How long a menu tip's check is remembered for its resends. */
const CHECK_MEMORY_MS = 24 * 60 * 60 * 1000;

type Row = { id: string; label: string; price: number; device_action: string | null };

/**
 * What a tip for a menu item must match: the item still on the menu, at its current price. `reaction` is the
 * item's device reaction as the menu now has it.
 */
export type MenuCheck = { ok: true; label: string; reaction: Reaction | null } | { ok: false; message: string };

/** A stored device action: a reaction as JSON; anything else (free text from before) is none. */
function reactionOf(stored: string | null): Reaction | null {
  if (stored === null) return null;
  try {
    const parsed = Reaction.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The performer's tip menu, in the Room's SQLite. It is small (at most 30 rows), so it is read
 * whole and cached; every edit replaces the whole list, which keeps ordering trivial.
 */
export class TipMenuBoard {
  private readonly sql: SqlStorage;
  private cached: TipMenu | undefined;
  private cachedDiscount: number | undefined;

  constructor(room: Pick<RoomContext, 'sql'>) {
    this.sql = room.sql;
  }

  /** The menu as the room sees it: with each item's members' price while there is a fan-club discount. */
  items(): TipMenu {
    this.cached ??= this.withMemberPrices(
      this.sql
        .exec<Row>('select id, label, price, device_action from tip_menu order by position')
        .toArray()
        .map((row) => ({
          id: row.id,
          label: row.label,
          price: row.price,
          deviceAction: reactionOf(row.device_action),
        })),
    );
    return this.cached;
  }

  /** Percent off every item for fan-club members (0: none), kept in `meta` (fan-club/ decides who is one). */
  discount(): number {
    this.cachedDiscount ??= Number(
      this.sql.exec<{ value: string }>("select value from meta where key = 'fan_club_discount'").toArray()[0]?.value ??
        0,
    );
    return this.cachedDiscount;
  }

  setDiscount(percent: number): TipMenu {
    this.sql.exec(
      "insert into meta (key, value) values ('fan_club_discount', ?) on conflict (key) do update set value = " +
        'excluded.value',
      String(percent),
    );
    this.cachedDiscount = percent;
    this.cached = this.withMemberPrices(this.items());
    return this.cached;
  }

  private withMemberPrices(items: MenuItem[]): TipMenu {
    const percent = this.discount();
    return items.map(({ memberPrice: _, ...item }) =>
      percent > 0 ? { ...item, memberPrice: memberPriceOf(item.price, percent) } : item,
    );
  }

  /** Replaces the menu; an item that keeps its id keeps matching taps made on the old menu. */
  replace(inputs: MenuItemInput[]): TipMenu {
    const seen = new Set<string>();
    const items: MenuItem[] = inputs.map((input) => {
      // A repeated id would make two rows one: the second gets a new id.
      const id = input.id && !seen.has(input.id) ? input.id : crypto.randomUUID().slice(0, 12);
      seen.add(id);
      return {
        id,
        label: input.label,
        price: input.price,
        deviceAction: input.deviceAction ?? null,
      };
    });
    this.sql.exec('delete from tip_menu');
    for (const [position, item] of items.entries()) {
      this.sql.exec(
        'insert into tip_menu (id, position, label, price, device_action) values (?, ?, ?, ?, ?)',
        item.id,
        position,
        item.label,
        item.price,
        item.deviceAction ? JSON.stringify(item.deviceAction) : null,
      );
    }
    this.cached = this.withMemberPrices(items);
    return this.cached;
  }

  /**
   * A tip for `itemId` must be for its current price: the members' price when `member` (the Room looked the
   * membership up; the client's word is never taken). A resend of a tip already checked (same tip key) is
   * answered from what it was checked against, so a price change in between does not turn a tip that may
   * have landed into a refusal.
   */
  check(tipKey: string, itemId: string, amount: number, member = false, now = Date.now()): MenuCheck {
    const earlier = this.sql
      .exec<{ label: string; price: number }>('select label, price from menu_tips where key = ?', tipKey)
      .toArray()[0];
    const item = this.items().find((i) => i.id === itemId);
    if (earlier)
      return earlier.price === amount
        ? { ok: true, label: earlier.label, reaction: item?.deviceAction ?? null }
        : { ok: false, message: `“${earlier.label}” costs ${earlier.price} tokens` };
    if (!item) return { ok: false, message: 'That item is no longer on the tip menu' };
    const price = member && item.memberPrice !== undefined ? item.memberPrice : item.price;
    if (price !== amount)
      return {
        ok: false,
        message: `“${item.label}” costs ${price} tokens${price === item.price ? '' : ' for fan-club members'}`,
      };
    this.sql.exec('delete from menu_tips where at < ?', now - CHECK_MEMORY_MS);
    this.sql.exec('insert into menu_tips (key, label, price, at) values (?, ?, ?, ?)', tipKey, item.label, price, now);
    return { ok: true, label: item.label, reaction: item.deviceAction };
  }
}
