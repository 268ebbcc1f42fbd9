import { Hono } from 'hono';
import { html } from 'hono/html';
import { database } from '../../db/index.ts';
import { capturedMail, capturedMessage } from '../../email/local-mailbox.ts';
import type { AppEnv } from '../../env.ts';
import { requireStandIns } from '../../stand-ins.ts';

/**
 * The local mailbox (the local stack only; 404 elsewhere): every email the Worker sent, to read by hand
 * at /dev/mail and for tests to follow links (`/dev/mail/messages?to=<address>`, JSON, newest first).
 */
export const devMail = new Hono<AppEnv>();

devMail.use('*', requireStandIns);

devMail.get('/messages', async (c) => c.json({ messages: await capturedMail(database(c.env), c.req.query('to')) }));

devMail.get('/', async (c) => {
  const messages = await capturedMail(database(c.env), c.req.query('to'));
  return c.html(html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Local mailbox</title>
        <link rel="stylesheet" href="/dev/payments.css" />
      </head>
      <body>
        <main>
          <p class="badge">Local stand-in: these emails were not sent anywhere</p>
          <h1>Local mailbox</h1>
          ${
            messages.length === 0
              ? html`<p>No email yet. Sign up, or ask for a password reset, and it shows here.</p>`
              : html`<ul>
                ${messages.map((m) => {
                  const at = new Date(m.createdAt);
                  return html`<li>
                      <a href="/dev/mail/${m.id}">${m.subject}</a> to ${m.to},
                      <time datetime="${at.toISOString()}">${at.toUTCString()}</time>
                    </li>`;
                })}
              </ul>`
          }
        </main>
      </body>
    </html>`);
});

/** One message's HTML body as the recipient would see it (its own inline styles allowed, nothing else). */
devMail.get('/:id', async (c) => {
  const mail = await capturedMessage(database(c.env), c.req.param('id'));
  if (!mail) return c.text('No such message', 404);
  c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  return c.html(mail.html);
});
