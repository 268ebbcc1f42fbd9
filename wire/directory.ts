import { z } from 'zod';
import { LiveRoom } from './live.ts';
import { Schedule } from './profile.ts';

/** The directory: live rooms with search, tag filter and sort; performers who are offline with their schedule. */
export const DIRECTORY_PAGE_SIZE = 24;
export const DIRECTORY_SORTS = ['viewers', 'newest'] as const;

/** Query strings are text; an empty `q` or `tag` means no filter, so a form can submit them blank. */
const blankIsNone = (value: unknown) => (value === '' ? undefined : value);

const DirectorySearch = z.object({
  /** Part of a display name or handle, or a whole tag. */
  q: z.preprocess(blankIsNone, z.string().trim().min(1).max(60).optional()),
  tag: z.preprocess(
    blankIsNone,
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9-]{0,23}$/, 'Tags are up to 24 letters, digits or dashes')
      .optional(),
  ),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});

export const DirectoryQuery = DirectorySearch.extend({ sort: z.enum(DIRECTORY_SORTS).default('viewers') });
export type DirectoryQuery = z.infer<typeof DirectoryQuery>;

export const OfflineQuery = DirectorySearch;
export type OfflineQuery = z.infer<typeof OfflineQuery>;

export const DirectoryRoom = LiveRoom.extend({
  /** A recent frame of the stream (JPEG), or null: fall back to the avatar. */
  thumbnailUrl: z.string().nullable(),
});
export type DirectoryRoom = z.infer<typeof DirectoryRoom>;

/** A tag offered as a filter, with the number of live rooms wearing it. */
export const PopularTag = z.object({ tag: z.string(), rooms: z.number().int() });
export type PopularTag = z.infer<typeof PopularTag>;

export const DirectoryResponse = z.object({
  rooms: z.array(DirectoryRoom),
  /** The tags most used among all live rooms the viewer may see (not just this page), most rooms first. */
  popularTags: z.array(PopularTag),
  /** The next page's number, or null on the last page. */
  nextPage: z.number().int().nullable(),
});
export type DirectoryResponse = z.infer<typeof DirectoryResponse>;

export const OfflinePerformer = z.object({
  handle: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  tags: z.array(z.string()),
  /** Weekly slots; the page works out the next one in the viewer's time zone. */
  schedule: Schedule.nullable(),
});
export type OfflinePerformer = z.infer<typeof OfflinePerformer>;

export const OfflineResponse = z.object({
  performers: z.array(OfflinePerformer),
  nextPage: z.number().int().nullable(),
});
export type OfflineResponse = z.infer<typeof OfflineResponse>;
