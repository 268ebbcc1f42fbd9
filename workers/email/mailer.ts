import { localMailbox } from '../db/email-schema.ts';
import { database } from '../db/index.ts';
import { log } from '../log.ts';
import { standInsEnabled } from '../stand-ins.ts';
import type { Mail } from './templates.ts';

/**
 * Sends one email through Cloudflare Email Service (the `send_email` binding EMAIL). On the local
 * stack the same message is also kept in the local mailbox (/dev/mail), since `wrangler dev` only
 * logs what the binding sends. A send that fails is logged and swallowed: the account action that
 * caused it already happened, and the person can ask again (resend, reset).
 */
export async function sendMail(
  env: Env,
  to: string,
  mail: Mail,
  headers: Record<string, string> = {},
): Promise<boolean> {
  if (standInsEnabled(env)) {
    await database(env)
      .insert(localMailbox)
      .values({ id: crypto.randomUUID(), to, ...mail, headers: JSON.stringify(headers), createdAt: Date.now() });
  }
  try {
    await env.EMAIL.send({
      from: env.EMAIL_FROM,
      to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers,
    });
    return true;
  } catch (error) {
    log('error', 'email.failed', { subject: mail.subject, error: String(error) });
    return false;
  }
}
