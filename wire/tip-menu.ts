import { z } from 'zod';
import { Reaction } from './devices.ts';
import { shownText } from './text.ts';

/**
 * The tip menu: things a viewer can tip for, each at a fixed price in tokens. The performer
 * replaces the whole list at once (PUT /api/studio/menu); the Room keeps it and tells the room.
 */
export const TIP_MENU_MAX_ITEMS = 30;
export const MENU_LABEL_MAX_CHARS = 60;
export const MENU_PRICE_MAX_TOKENS = 1_000_000;

export const MenuItem = z.object({
  id: z.string(),
  label: z.string(),
  price: z.number().int(),
  /** What the performer's device does for a tip for this item (wins over the tip levels); null: the level's. */
  deviceAction: Reaction.nullable(),
  /** What a member of the performer's fan club pays, while the menu has a fan-club discount (the Room's sum). */
  memberPrice: z.number().int().optional(),
});
export type MenuItem = z.infer<typeof MenuItem>;

/**
 * The fan-club discount is one percent for the whole menu, not one per item: a viewer learns one number
 * ("members save 20%"), the performer sets one field, and editing items never loses a per-item discount.
 * Capped below 100 so an item always costs something.
 */
export const FAN_CLUB_DISCOUNT_MAX_PERCENT = 90;
export const FanClubDiscount = z
  .number()
  .int('Whole percent only')
  .min(0)
  .max(FAN_CLUB_DISCOUNT_MAX_PERCENT, `At most ${FAN_CLUB_DISCOUNT_MAX_PERCENT}%`);

/** A member's price: the discount rounded in the member's favour, never below 1 token. */
export function memberPriceOf(price: number, discountPercent: number): number {
  return Math.max(1, Math.floor((price * (100 - discountPercent)) / 100));
}

export const TipMenu = z.array(MenuItem);
export type TipMenu = z.infer<typeof TipMenu>;

export const MenuItemInput = z.object({
  /** Kept when editing an existing item, so a viewer's tap on the old row still matches it. */
  id: z
    .string()
    .regex(/^[\w-]{1,40}$/)
    .optional(),
  label: shownText()
    .trim()
    .min(1, 'Give the item a label')
    .max(MENU_LABEL_MAX_CHARS, `At most ${MENU_LABEL_MAX_CHARS} characters`),
  price: z.number().int('Whole tokens only').min(1, 'At least 1 token').max(MENU_PRICE_MAX_TOKENS),
  deviceAction: Reaction.nullable().optional(),
});
export type MenuItemInput = z.input<typeof MenuItemInput>;

export const MenuBody = z.object({
  items: z.array(MenuItemInput).max(TIP_MENU_MAX_ITEMS, `At most ${TIP_MENU_MAX_ITEMS} items`),
});
export type MenuBody = z.input<typeof MenuBody>;

export const MenuResponse = z.object({
  items: TipMenu,
  /** Percent off every item for fan-club members (0: none). */
  fanClubDiscountPercent: z.number().int(),
});
export type MenuResponse = z.infer<typeof MenuResponse>;

/** PUT /api/studio/menu/fan-club-discount: one percent off the whole menu for fan-club members (0 ends it). */
export const FanClubDiscountBody = z.object({ percent: FanClubDiscount });
export type FanClubDiscountBody = z.input<typeof FanClubDiscountBody>;
