import { describe, expect, it } from 'vitest';
import { DisplayName } from '../wire/account.ts';
import { ReportAction } from '../wire/admin-reports.ts';
import { Reason } from '../wire/admin-users.ts';
import { DeviceSettings } from '../wire/devices.ts';
import { GoalBody } from '../wire/goals.ts';
import { KycForm, KycRejectBody } from '../wire/kyc.ts';
import { GoLiveBody } from '../wire/live.ts';
import { FilterWord } from '../wire/moderation.ts';
import { ProfileUpdateBody } from '../wire/profile.ts';
import { ClientMessage } from '../wire/room.ts';
import { MenuItemInput } from '../wire/tip-menu.ts';
import { signedUp } from './client.ts';
import { clientId, newRoom, newViewer, RoomSocket } from './room/room-socket.ts';

/** Every bidirectional control the rule covers, wrapped round ordinary text. */
const CONTROLS = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C';
const dirty = (text: string) => `${text.slice(0, 2)}${CONTROLS}${text.slice(2)}\u202E`;
const hasControl = (value: unknown) => /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/.test(JSON.stringify(value));

describe('bidirectional controls in text others will see', () => {
  const cases: [string, { safeParse: (v: unknown) => { success: boolean; data?: unknown } }, unknown][] = [
    ['display name', DisplayName, dirty('Lena Star')],
    [
      'profile bio and link label',
      ProfileUpdateBody,
      { bio: dirty('Hello there'), links: [{ label: dirty('Shop'), url: 'https://example.com' }] },
    ],
    ['chat message', ClientMessage, { type: 'chat.send', clientId: 'c_12345678', text: dirty('hi everyone') }],
    ['tip note', ClientMessage, { type: 'tip.send', clientId: 'c_12345678', amount: 5, note: dirty('for you') }],
    [
      'report text',
      ClientMessage,
      { type: 'report.send', clientId: 'c_12345678', target: 'room', reason: 'spam', text: dirty('this is spam') },
    ],
    ['show title', GoLiveBody, { title: dirty('Friday show') }],
    ['goal title', GoalBody, { title: dirty('New guitar'), target: 100 }],
    ['tip-menu item', MenuItemInput, { label: dirty('Song request'), price: 10 }],
    [
      'tip level name',
      DeviceSettings,
      {
        levels: [{ min: 1, max: null, name: dirty('Buzz'), reaction: { kind: 'steady', intensity: 5, seconds: 2 } }],
        maxIntensity: 50,
        maxQueue: 5,
      },
    ],
    ['blocked word', FilterWord, dirty('badword')],
    ['moderation reason', Reason, dirty('Repeated spam')],
    ['warning to a user', ReportAction, { action: 'warn', note: dirty('Spam'), message: dirty('Please stop') }],
    [
      'KYC names',
      KycForm,
      {
        legalName: dirty('Lena Stern'),
        dateOfBirth: '1990-01-01',
        country: 'DE',
        idType: 'passport',
        stageNames: [dirty('Lena Star')],
        consent: true,
      },
    ],
    ['KYC rejection reason', KycRejectBody, { reason: dirty('The photo is blurry') }],
  ];

  it.each(cases)('are removed from a %s', (_name, schema, input) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(true);
    expect(hasControl(result.data)).toBe(false);
  });

  it('leave a display name of controls only empty, so it is refused as empty', () => {
    expect(DisplayName.safeParse(`${CONTROLS} `).success).toBe(false);
  });

  it('never reach a signed-up account: the stored display name is the plain text', async () => {
    const { user, browser } = await signedUp({ displayName: dirty('Evil Name') });
    expect(user.displayName).toBe('Evil Name');
    expect(await (await browser.fetch('/api/me')).json()).toMatchObject({ user: { displayName: 'Evil Name' } });
  });

  it('never reach a room: the chat line everyone sees is the plain text', async () => {
    const { handle } = await newRoom();
    const fan = await newViewer();
    const { socket } = await RoomSocket.join(handle, fan.browser);
    const id = clientId();
    socket.send({ type: 'chat.send', clientId: id, text: dirty('hello room') });
    const [chat] = await socket.waitForEvents('chat');
    expect(chat?.message.text).toBe('hello room');
  });
});
