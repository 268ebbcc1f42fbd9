/** The platform emote set: shortcodes stay text on the wire and become emoji here. */
export const EMOTES: Record<string, string> = {
  heart: '❤️',
  fire: '🔥',
  clap: '👏',
  laugh: '😂',
  wave: '👋',
  kiss: '😘',
  star: '⭐',
  wow: '😮',
  party: '🎉',
  rose: '🌹',
};

export type ChatPart =
  | { kind: 'text'; text: string }
  | { kind: 'emote'; code: string; emoji: string }
  | { kind: 'mention'; handle: string; text: string };

const TOKEN = /(:[a-z]+:|(?<![\w@])@[a-z0-9_]{3,30}(?![\w]))/gi;

/** Splits a message into text, emotes and the mentions the Room recognised. */
export function chatParts(text: string, mentions: readonly string[]): ChatPart[] {
  const parts: ChatPart[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    const at = match.index;
    let part: ChatPart | null = null;
    if (token.startsWith(':')) {
      const code = token.slice(1, -1).toLowerCase();
      const emoji = EMOTES[code];
      if (emoji) part = { kind: 'emote', code, emoji };
    } else if (mentions.includes(token.slice(1).toLowerCase())) {
      part = { kind: 'mention', handle: token.slice(1).toLowerCase(), text: token };
    }
    if (!part) continue;
    if (at > last) parts.push({ kind: 'text', text: text.slice(last, at) });
    parts.push(part);
    last = at + token.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
