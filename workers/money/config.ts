import type { TokenPack } from '../../wire/money.ts';
import { intVar } from '../env.ts';

/** Money rules, with defaults from the design; the rates can be changed per environment. */
export type MoneyConfig = {
  /** Share of each tip the platform keeps, in percent. */
  platformFeePercent: number;
  /** Tips are payable this many days after they land (chargebacks usually arrive sooner). */
  holdDays: number;
  /** The smallest payout, in tokens (1 token = 1 cent). */
  payoutMinimum: number;
};

export function moneyConfig(
  env: Partial<Pick<Env, 'PLATFORM_FEE_PERCENT' | 'EARNINGS_HOLD_DAYS' | 'PAYOUT_MINIMUM_TOKENS'>>,
): MoneyConfig {
  return {
    platformFeePercent: Math.min(100, intVar(env.PLATFORM_FEE_PERCENT, 30)),
    holdDays: wholeDays(env.EARNINGS_HOLD_DAYS, 7),
    payoutMinimum: intVar(env.PAYOUT_MINIMUM_TOKENS, 5000),
  };
}

export const TOKEN_PACKS: readonly TokenPack[] = [
  { id: 'starter', name: 'Starter', tokens: 100, bonusTokens: 0, priceCents: 100, currency: 'usd' },
  { id: 'fan', name: 'Fan', tokens: 500, bonusTokens: 50, priceCents: 500, currency: 'usd' },
  { id: 'superfan', name: 'Superfan', tokens: 1000, bonusTokens: 150, priceCents: 1000, currency: 'usd' },
  { id: 'patron', name: 'Patron', tokens: 5000, bonusTokens: 1000, priceCents: 5000, currency: 'usd' },
];

export function findPack(id: string): TokenPack | undefined {
  return TOKEN_PACKS.find((p) => p.id === id);
}

/** 0 is a valid hold (payable at once), unlike the other settings. */
function wholeDays(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(n) && n >= 0 ? n : fallback;
}
