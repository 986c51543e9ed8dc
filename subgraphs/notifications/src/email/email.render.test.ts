import { describe, expect, it } from 'vitest';
import { NotificationKind } from '../notification/notification.rules.js';
import { renderEmail } from './email.render.js';

describe('renderEmail', () => {
  it("greets the recipient, says who did what, and why the email came", () => {
    expect(renderEmail({ type: NotificationKind.OFFER_RECEIVED, text: 'New offer on your listing', recipientName: 'Ana', actorName: 'Ben' })).toEqual({
      subject: 'Lobby: New offer on your listing',
      text: 'Hello Ana,\n\nBen: New offer on your listing\n\nOpen Lobby to see it.\n\nYou get this email because OFFER_RECEIVED emails are on in your notification preferences.',
    });
  });

  it('leaves out the actor when the system did it', () => {
    expect(renderEmail({ type: NotificationKind.MEDIA_READY, text: 'Your upload is ready', recipientName: null, actorName: null }).text).toMatch(/^Hello,\n\nYour upload is ready\n/);
  });
});
