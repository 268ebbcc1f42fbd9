import { z } from 'zod';

/** Notifications: the in-app list, each person's channels and quiet hours, and browser push subscriptions. */
export const NotificationKind = z.enum(['go_live', 'payout', 'identity', 'warning', 'report', 'fan_club']);

export const Notification = z.object({
  id: z.string(),
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  link: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationsResponse = z.object({ notifications: z.array(Notification), unread: z.number().int() });
export type NotificationsResponse = z.infer<typeof NotificationsResponse>;

export const MarkReadBody = z.object({
  /** The notifications to mark read; omitted: all of them. */
  ids: z.array(z.string().max(64)).max(100).optional(),
});
export type MarkReadBody = z.input<typeof MarkReadBody>;

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM, 24-hour');

export const QuietHours = z.object({
  start: ClockTime,
  end: ClockTime,
  timeZone: z.string().refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'Unknown time zone'),
});
export type QuietHours = z.infer<typeof QuietHours>;

export const NotificationSettings = z.object({
  push: z.boolean(),
  email: z.boolean(),
  inApp: z.boolean(),
  /** During quiet hours nothing is pushed or emailed; the in-app list still fills. */
  quietHours: QuietHours.nullable(),
  /** Performers whose go-live notices are muted, by handle. */
  muted: z.array(z.string()),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const NotificationSettingsBody = NotificationSettings.omit({ muted: true });
export type NotificationSettingsBody = z.input<typeof NotificationSettingsBody>;

/** What `PushSubscription.toJSON()` gives in the browser. */
export const PushSubscriptionBody = z.object({
  endpoint: z.url({ protocol: /^https$/, message: 'A push endpoint is an https address' }).max(1000),
  keys: z.object({ p256dh: z.string().min(40).max(200), auth: z.string().min(16).max(64) }),
});
export type PushSubscriptionBody = z.input<typeof PushSubscriptionBody>;

export const PushKey = z.object({ publicKey: z.string().nullable() });

/** The payload of a push (decrypted by the service worker). */
export const PushPayload = z.object({
  title: z.string(),
  body: z.string(),
  icon: z.string().nullable(),
  url: z.string(),
});
export type PushPayload = z.infer<typeof PushPayload>;
