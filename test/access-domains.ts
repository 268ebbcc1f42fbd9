/** The Access team domains the worker tests use; test/node/access-stand-in.ts answers for them. */
export const TEAM_DOMAIN = 'https://encore-test.access.test';
export const UNREACHABLE_TEAM_DOMAIN = 'https://down.access.test';
