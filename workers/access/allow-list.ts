/** Emails allowed into the admin area, from the ADMIN_EMAILS variable (comma-separated). */
export function adminEmails(env: Env): Set<string> {
  return new Set(
    env.ADMIN_EMAILS.split(',')
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  );
}
