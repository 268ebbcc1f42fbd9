/**
 * Every email Encore sends, as subject, plain text and HTML built from one layout, so the two bodies
 * never say different things. Values are escaped for the HTML body; links are absolute.
 */
export type Mail = { subject: string; text: string; html: string };

type Action = { label: string; url: string };
type Letter = { subject: string; greeting: string; lines: string[]; action?: Action; footer?: string };

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function letter({ subject, greeting, lines, action, footer }: Letter): Mail {
  const closing = footer ?? 'If this was not you, you can ignore this email; nothing changes without the link.';
  const text = [
    greeting,
    '',
    ...lines,
    ...(action ? ['', `${action.label}: ${action.url}`] : []),
    '',
    closing,
    '',
    '- Encore',
  ].join('\n');
  const paragraphs = lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('');
  const button = action
    ? `<p><a href="${escapeHtml(action.url)}" style="display:inline-block;padding:10px 18px;border-radius:6px;` +
      `background:#b4235a;color:#fff;text-decoration:none;font-weight:600">${escapeHtml(action.label)}</a></p>` +
      `<p style="font-size:13px;color:#555">Or open this address: ${escapeHtml(action.url)}</p>`
    : '';
  const html =
    `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;color:#1d1d1f;max-width:560px">` +
    `<p>${escapeHtml(greeting)}</p>${paragraphs}${button}` +
    `<p style="font-size:13px;color:#555">${escapeHtml(closing)}</p>` +
    `<p>Encore</p></body></html>`;
  return { subject, text, html };
}

const hi = (name: string) => `Hi ${name},`;

export function verifyEmailMail(name: string, link: string): Mail {
  return letter({
    subject: 'Confirm your email address',
    greeting: hi(name),
    lines: ['Confirm this address to buy tokens and go live on Encore. The link works for 24 hours.'],
    action: { label: 'Confirm my email', url: link },
  });
}

export function passwordResetMail(name: string, link: string): Mail {
  return letter({
    subject: 'Reset your Encore password',
    greeting: hi(name),
    lines: [
      'Someone asked to reset the password of your Encore account.',
      'The link works once, for 30 minutes. Using it signs out every other device.',
    ],
    action: { label: 'Choose a new password', url: link },
    footer: 'If you did not ask for this, ignore this email: your password stays as it is.',
  });
}

export function passwordChangedMail(name: string): Mail {
  return letter({
    subject: 'Your Encore password was changed',
    greeting: hi(name),
    lines: ['The password of your Encore account was just changed, and every other device was signed out.'],
    footer: 'If this was not you, reset your password at once from the sign-in page and contact support.',
  });
}

export function confirmNewEmailMail(name: string, link: string): Mail {
  return letter({
    subject: 'Confirm your new email address',
    greeting: hi(name),
    lines: ['Confirm this address to make it the email of your Encore account. The link works for 24 hours.'],
    action: { label: 'Use this address', url: link },
  });
}

export function emailChangedMail(name: string, newEmail: string): Mail {
  return letter({
    subject: 'Your Encore email address was changed',
    greeting: hi(name),
    lines: [`Your Encore account now uses ${newEmail}. Emails go there from now on.`],
    footer: 'If this was not you, contact support at once.',
  });
}

export function newDeviceMail(name: string, device: string, when: Date): Mail {
  return letter({
    subject: 'New sign-in to your Encore account',
    greeting: hi(name),
    lines: [`Your account was signed in from a new device: ${device}, at ${when.toUTCString()}.`],
    footer: 'If this was not you, change your password and use "Sign out everywhere" in your account settings.',
  });
}

/** A followed performer went live (the unsubscribe link turns these emails off, without signing in). */
export function goLiveMail(
  name: string,
  show: { displayName: string; title: string; handle: string },
  origin: string,
  unsubscribe: string,
): Mail {
  return letter({
    subject: `${show.displayName} is live: ${show.title}`,
    greeting: hi(name),
    lines: [`${show.displayName} just went live on Encore: "${show.title}".`],
    action: { label: 'Watch now', url: `${origin}/live/${show.handle}` },
    footer: `You follow ${show.displayName}. Stop these emails: ${unsubscribe}`,
  });
}

/** Fan clubs (workers/fan-club/notices.ts): a renewal the wallet could not pay, a lapse, a new price. */
export function fanClubShortMail(name: string, club: string, price: number, graceUntil: Date): Mail {
  return letter({
    subject: `Your ${club} fan club membership could not renew`,
    greeting: hi(name),
    lines: [
      `Your wallet could not pay the ${price} tokens of your ${club} fan club membership.`,
      `You stay a member until ${graceUntil.toUTCString()}; add tokens to your wallet before then to keep it.`,
    ],
    footer: 'You get this email because you are in this fan club.',
  });
}

export function fanClubLapsedMail(name: string, club: string): Mail {
  return letter({
    subject: `Your ${club} fan club membership lapsed`,
    greeting: hi(name),
    lines: [`Your ${club} fan club membership lapsed: nothing more is charged. You can join again at any time.`],
    footer: 'You get this email because you were in this fan club.',
  });
}

export function fanClubPriceMail(name: string, club: string, before: number, after: number): Mail {
  return letter({
    subject: `${club}'s fan club has a new price`,
    greeting: hi(name),
    lines: [
      `${club}'s fan club now costs ${after} tokens a month (it was ${before}).`,
      'The new price applies from your next renewal; you can cancel before then at no cost.',
    ],
    footer: 'You get this email because you are in this fan club.',
  });
}
