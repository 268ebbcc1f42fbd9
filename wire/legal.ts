/**
 * The Terms of Service version sign-up asks people to accept. Change it whenever the Terms page
 * changes in substance: a sign-up that accepted an older version is refused (the page reloads
 * with the new text), and D1 `terms_acceptances` records who accepted which version, and when.
 */
export const TERMS_VERSION = '2026-12-03';
