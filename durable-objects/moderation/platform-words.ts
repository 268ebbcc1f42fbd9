/**
 * Words no room allows, whatever the performer's own list says: kept short and owned by trust
 * and safety. They cover what the platform's rules forbid in chat rather than rudeness, which
 * each performer judges for their own room: sexualising minors, and taking payment off-platform
 * (where nobody is protected and the performer's earnings are not recorded).
 */
export const PLATFORM_WORDS: readonly string[] = [
  'jailbait',
  'preteen',
  'loli',
  'cashapp',
  'cash app',
  'venmo',
  'zelle',
];
