import { kycCases } from './kyc.ts';
import { moneyCases } from './money.ts';
import { safetyCases } from './safety.ts';
import type { AdminRouteCase } from './types.ts';

/** Every admin route's case. A new admin route needs a case here, or the coverage test fails. */
export const adminRouteCases: AdminRouteCase[] = [...moneyCases, ...safetyCases, ...kycCases];
