import type { MenuItem } from '../../../../wire/tip-menu.ts';
import { tokensText } from '../../lib/money.ts';

/** What this viewer pays for a menu item: the members' price (the Room's sum) for a fan-club member. */
export function priceFor(item: MenuItem, member: boolean): number {
  return member && item.memberPrice !== undefined ? item.memberPrice : item.price;
}

/**
 * A menu item's price, and the members' price beside it while the menu has a fan-club discount: a member sees
 * the full price struck through, anyone else sees what joining would save.
 */
export function MenuPrice({ item, member }: { item: MenuItem; member: boolean }) {
  if (item.memberPrice === undefined) return <span class="tip-menu-price">{tokensText(item.price)}</span>;
  return member ? (
    <span class="tip-menu-price">
      <s class="tip-menu-full-price">
        <span class="visually-hidden">was </span>
        {tokensText(item.price)}
      </s>{' '}
      <span class="tip-menu-member-price">
        <span aria-hidden="true">♥ </span>
        {tokensText(item.memberPrice)}
        <span class="visually-hidden"> for you as a fan-club member</span>
      </span>
    </span>
  ) : (
    <span class="tip-menu-price">
      {tokensText(item.price)}{' '}
      <span class="tip-menu-member-price">
        <span aria-hidden="true">♥ </span>
        {tokensText(item.memberPrice)} for fan-club members
      </span>
    </span>
  );
}
