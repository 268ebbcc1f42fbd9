import { z } from 'zod';

/** A block-list entry: an ISO 3166-1 country (`DE`) or a country and its region (`US-TX`). */
export const BlockEntry = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'Use a two-letter country code (DE) or a country and region (US-TX)');

export const GeoBlocks = z.object({ blocked: z.array(BlockEntry).max(250) });
export type GeoBlocks = z.infer<typeof GeoBlocks>;
