import { eq } from 'drizzle-orm';
import type { NotificationSettings, NotificationSettingsBody } from '../../wire/notifications.ts';
import type { Database } from '../db/index.ts';
import { type NotificationSettingsRow, notificationMutes, notificationSettings } from '../db/notifications-schema.ts';
import { users } from '../db/schema.ts';

export type Channels = Pick<
  NotificationSettingsRow,
  'push' | 'email' | 'inApp' | 'quietStart' | 'quietEnd' | 'timeZone'
>;

export const DEFAULT_CHANNELS: Channels = {
  push: true,
  email: true,
  inApp: true,
  quietStart: null,
  quietEnd: null,
  timeZone: 'UTC',
};

const toClock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const toMinutes = (clock: string) => {
  const [h = 0, m = 0] = clock.split(':').map(Number);
  return h * 60 + m;
};

export async function readSettings(db: Database, userId: string): Promise<NotificationSettings> {
  const [row] = await db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId));
  const muted = await db
    .select({ handle: users.handle })
    .from(notificationMutes)
    .innerJoin(users, eq(users.id, notificationMutes.performerId))
    .where(eq(notificationMutes.userId, userId))
    .orderBy(users.handle);
  const channels = row ?? DEFAULT_CHANNELS;
  return {
    push: channels.push,
    email: channels.email,
    inApp: channels.inApp,
    quietHours:
      channels.quietStart === null || channels.quietEnd === null
        ? null
        : { start: toClock(channels.quietStart), end: toClock(channels.quietEnd), timeZone: channels.timeZone },
    muted: muted.map((m) => m.handle),
  };
}

export async function saveSettings(db: Database, userId: string, body: NotificationSettingsBody): Promise<void> {
  const values = {
    push: body.push,
    email: body.email,
    inApp: body.inApp,
    quietStart: body.quietHours ? toMinutes(body.quietHours.start) : null,
    quietEnd: body.quietHours ? toMinutes(body.quietHours.end) : null,
    timeZone: body.quietHours?.timeZone ?? 'UTC',
    updatedAt: Date.now(),
  };
  await db
    .insert(notificationSettings)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: values });
}

/** Whether `at` falls in the quiet hours (which may wrap past midnight) in the person's time zone. */
export function inQuietHours(channels: Channels, at: Date): boolean {
  if (channels.quietStart === null || channels.quietEnd === null) return false;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: channels.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const now = part('hour') * 60 + part('minute');
  const { quietStart: start, quietEnd: end } = channels;
  return start <= end ? now >= start && now < end : now >= start || now < end;
}
