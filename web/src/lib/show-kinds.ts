/** How each paid show kind (wire/shows.ts ShowKind) reads on a page. */
const KIND_LABELS: Record<string, string> = {
  private: 'Private show',
  group: 'Group show',
  spy: 'Spy',
  'session-video': 'Video session',
  'session-voice': 'Voice session',
  'session-chat': 'Chat session',
};

export function showKindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}
