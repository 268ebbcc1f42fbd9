import { z } from 'zod';
import { ShowSettings } from '../../../wire/shows.ts';
import { moneyConfig } from '../../money/config.ts';
import { availabilityOf } from '../../shows/availability.ts';
import { performerReviews } from '../../shows/reviews.ts';
import { showEarningsOf } from '../../shows/show-earnings.ts';
import { readShowSettings, replaceShowSettings, setSessionsAvailable } from '../../shows/show-settings.ts';
import type { McpCaller } from '../scopes.ts';
import { READ, tool } from '../tool.ts';

const me = (caller: McpCaller) => ({ id: caller.performer.userId, handle: caller.performer.handle });

/**
 * Paid shows: the studio's "Paid shows" settings, availability for one-to-one sessions, the earnings page's list
 * of shows and the profile's reviews, through the same functions as those routes. Starting, accepting and
 * ending shows stay with the performer (studio and room): an app never puts anyone on camera.
 */
export const showTools = [
  tool({
    name: 'get_show_settings',
    scope: 'shows:read',
    title: 'Read Paid shows settings',
    description:
      'Your Paid shows settings: private shows on/off, rate and minimum minutes, spy rate (0 = no spying), group ' +
      'rate and minimum, cam-to-cam and its extra rate, one-to-one sessions (available or not, video/voice/chat ' +
      'rates) and the public chat during a private show. Rates are tokens per minute (1 token = 1 US cent).',
    input: z.object({}),
    hints: READ,
    run: async ({ env, caller }) => ({ settings: await readShowSettings(env.DB, caller.performer.userId) }),
  }),
  tool({
    name: 'set_show_settings',
    scope: 'shows',
    title: 'Replace Paid shows settings',
    description:
      'Replace all Paid shows settings at once, as the studio form does (read them first with get_show_settings ' +
      'and change what you need). Rates are whole tokens a minute within the studio’s range; a change applies ' +
      'to later shows only (a running show keeps its rate). The room’s buttons show the new offer at once.',
    input: z.object({ settings: ShowSettings }),
    hints: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
    run: async ({ env, caller }, { settings }) => ({
      settings: await replaceShowSettings(env, me(caller), settings),
    }),
  }),
  tool({
    name: 'set_session_availability',
    scope: 'shows',
    title: 'Set availability for sessions',
    description:
      'Turn "Available for sessions" (one-to-one video, voice or chat sessions while you are not live) on or ' +
      'off, leaving the other settings as they are. The answer says whether viewers can start one now ' +
      '(`availability.sessionsOpen`: not while you are live or in a show, nor before your identity is approved).',
    input: z.object({ available: z.boolean() }),
    hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
    run: async ({ env, caller }, { available }) => {
      const settings = await setSessionsAvailable(env, me(caller), available);
      return { settings, availability: await availabilityOf(env, me(caller)) };
    },
  }),
  tool({
    name: 'list_recent_shows',
    scope: 'earnings:read',
    title: 'List recent paid shows',
    description:
      'Your latest finished paid-show seats, newest first: date, kind (private, group, spy, session-…), the ' +
      'viewer (null when they watched anonymously: never named), minutes, tokens paid and your share earned; ' +
      'with your show earnings over the last 30 days and all time.',
    input: z.object({ limit: z.number().int().min(1).max(50).default(20) }),
    hints: READ,
    run: async ({ env, caller }, { limit }) => {
      const fee = moneyConfig(env).platformFeePercent;
      const { shows, ...totals } = await showEarningsOf(env.DB, caller.performer.userId, fee);
      return { shows: shows.slice(0, limit), ...totals };
    },
  }),
  tool({
    name: 'show_reviews',
    scope: 'shows:read',
    title: 'Read show reviews',
    description:
      'Your show rating as your profile shows it: the average stars (null with no reviews), how many reviews, ' +
      'and the latest ones (stars, comment, kind, reviewer; null for an anonymous viewer).',
    input: z.object({}),
    hints: READ,
    run: async ({ env, caller }) => ({ reviews: await performerReviews(env.DB, caller.performer.userId) }),
  }),
];
