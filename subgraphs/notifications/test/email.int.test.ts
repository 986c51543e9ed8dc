// The email channel: one job per new notification, sent through the adapter as the notification
// stands when the job runs, retried when a dependency fails, never twice for one notification.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { createDomainEvent } from '@lobby/contracts';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/support/eventually.js';
import { freePort } from '../../../test/support/free-port.js';
import { capturingLogger } from '../../../test/support/log-capture.js';
import { startNotifications, type RunningNotifications } from '../../../test/support/notifications.js';
import { sendNotificationEmail } from '../src/email/email.worker.js';
import { MARK_READ, UPDATE_PREFERENCES, notificationsApi, type NotificationsApi } from './notifications-api.js';

/**
 * identity as the email worker meets it: answers `me` and the actor's name, after refusing the
 * first `failures` requests (a restart, say).
 */
async function startIdentityStandIn(failures = 0) {
  let calls = 0;
  const server: Server = createServer((request, response) => {
    request.resume().on('end', () => {
      calls += 1;
      if (calls <= failures) return response.writeHead(503).end();
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { me: { email: 'sally@example.test', displayName: 'Sally' }, actor: { displayName: 'Ben' } } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { graphqlUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, calls: () => calls, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const offerMade = (seller: string, buyer: string) =>
  createDomainEvent('marketplace.offer.made', buyer, { offerId: randomUUID(), listingId: randomUUID(), buildingId: randomUUID(), sellerId: seller, buyerId: buyer });


describe('email through the logging adapter (no SMTP_URL)', () => {
  let identity: Awaited<ReturnType<typeof startIdentityStandIn>>;
  let notifications: RunningNotifications;
  let api: NotificationsApi;
  const log = capturingLogger('notifications');
  const emailsTo = (address: string) => log.lines.filter((line) => (line.email as { to?: string } | undefined)?.to === address);
  const jobsDone = (outcome: string) => log.lines.filter((line) => line.msg === 'notification email job done' && line.outcome === outcome);

  beforeAll(async () => {
    // identity refuses twice first: the job retries (with a short backoff here) and gets through.
    identity = await startIdentityStandIn(2);
    notifications = await startNotifications({ IDENTITY_SUBGRAPH_URL: identity.graphqlUrl, EMAIL_BACKOFF_MS: '50' }, log.logger);
    api = notificationsApi(notifications.graphqlUrl);
  });

  afterAll(async () => {
    await notifications?.close();
    await identity?.close();
  });

  it('writes the rendered email of a new offer to the log, once, however often the event comes, retrying past a failing identity', async () => {
    const [seller, buyer] = [randomUUID(), randomUUID()];
    const event = offerMade(seller, buyer);
    await Promise.all([notifications.app.domainEvents.handle(event), notifications.app.domainEvents.handle(event)]);
    await notifications.app.domainEvents.handle(event);
    const [email] = await waitFor('the email', () => emailsTo('sally@example.test').length > 0 && emailsTo('sally@example.test'));
    expect(email!.email).toEqual({
      from: 'Lobby <no-reply@lobby.local>',
      to: 'sally@example.test',
      subject: 'Lobby: New offer on your listing',
      text: expect.stringMatching(/^Hello Sally,\n\nBen: New offer on your listing\n/),
    });
    expect(identity.calls()).toBe(3);
    expect(log.lines.filter((line) => line.msg === 'notification email job failed')).toHaveLength(2);
    // Sending the same notification's email again (a job retried after a crash) sends nothing.
    const [notification] = await api.nodes(seller);
    expect(await sendNotificationEmail({ data: { notificationId: notification!.id } }, { orm: notifications.app.orm, identity: null as never, adapter: null as never })).toBe('already sent');
    expect(emailsTo('sally@example.test')).toHaveLength(1);
  });

  it('sends no email for kinds whose email is off, and one for a burst once it is turned on', async () => {
    const [a, b, conversationId] = [randomUUID(), randomUUID(), randomUUID()];
    const message = (preview: string) => createDomainEvent('chat.message.sent', a, { conversationId, messageId: randomUUID(), recipientIds: [b], preview });
    await notifications.app.domainEvents.handle(message('off by default'));
    await api.data(b, MARK_READ, { ids: [(await api.nodes(b))[0]!.id] });
    await api.data(b, UPDATE_PREFERENCES, { p: [{ type: 'MESSAGE_RECEIVED', channel: 'EMAIL', enabled: true }] });
    const sentBefore = jobsDone('sent').length;
    for (const preview of ['one', 'two', 'three']) await notifications.app.domainEvents.handle(message(preview));
    await waitFor('the burst email', () => jobsDone('sent').length > sentBefore);
    const [burst] = await api.nodes(b);
    expect(burst).toMatchObject({ count: 3 });
    // Queued for the notification (made by "one"), sent as it stood when the job ran.
    expect(jobsDone('sent')).toHaveLength(sentBefore + 1);
  });

  it('sends nothing for a notification read before its job ran', async () => {
    const [seller, buyer] = [randomUUID(), randomUUID()];
    await api.data(seller, UPDATE_PREFERENCES, { p: [{ type: 'OFFER_RECEIVED', channel: 'EMAIL', enabled: false }] });
    await notifications.app.domainEvents.handle(offerMade(seller, buyer));
    const [notification] = await api.nodes(seller);
    await api.data(seller, MARK_READ, { ids: [notification!.id] });
    await api.data(seller, UPDATE_PREFERENCES, { p: [{ type: 'OFFER_RECEIVED', channel: 'EMAIL', enabled: true }] });
    expect(await sendNotificationEmail({ data: { notificationId: notification!.id } }, { orm: notifications.app.orm, identity: null as never, adapter: null as never })).toBe('read before sending');
  });
});

describe('email through SMTP (SMTP_URL set)', () => {
  let smtp: SMTPServer;
  let identity: Awaited<ReturnType<typeof startIdentityStandIn>>;
  let notifications: RunningNotifications;
  const received: Array<{ from: string | undefined; to: string[]; body: string }> = [];

  beforeAll(async () => {
    const port = await freePort();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onAuth: (auth, _session, callback) => callback(auth.username === 'lobby' && auth.password === 's3cret' ? null : new Error('bad credentials'), { user: auth.username }),
      onData: (stream, session, callback) => {
        let body = '';
        stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
        stream.on('end', () => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined, to: session.envelope.rcptTo.map((to) => to.address), body });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
    identity = await startIdentityStandIn();
    notifications = await startNotifications({ IDENTITY_SUBGRAPH_URL: identity.graphqlUrl, SMTP_URL: `smtp://lobby:s3cret@127.0.0.1:${port}`, EMAIL_FROM: 'Lobby <hello@lobby.test>' });
  });

  afterAll(async () => {
    await notifications?.close();
    await identity?.close();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  it('delivers the email to the SMTP server, authenticated, from EMAIL_FROM to the recipient', async () => {
    expect(notifications.app.emailAdapter).toBe('smtp');
    await notifications.app.domainEvents.handle(offerMade(randomUUID(), randomUUID()));
    const [mail] = await waitFor('the SMTP delivery', () => received.length > 0 && received);
    expect(mail).toMatchObject({ from: 'hello@lobby.test', to: ['sally@example.test'] });
    expect(mail!.body).toContain('Subject: Lobby: New offer on your listing');
    expect(mail!.body).toContain('Ben: New offer on your listing');
  });
});
