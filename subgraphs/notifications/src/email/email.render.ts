import { NotificationKind } from '../notification/notification.rules.js';

export interface EmailContent {
  subject: string;
  text: string;
}

const SUBJECTS: Record<NotificationKind, string> = {
  [NotificationKind.MESSAGE_RECEIVED]: 'New message',
  [NotificationKind.OFFER_RECEIVED]: 'New offer on your listing',
  [NotificationKind.OFFER_ACCEPTED]: 'Your offer was accepted',
  [NotificationKind.OFFER_DECLINED]: 'Your offer was declined',
  [NotificationKind.LISTING_SOLD]: 'A listing was sold to you',
  [NotificationKind.LISTING_FAVORITED]: 'Someone saved your listing',
  [NotificationKind.MEMBERSHIP_REQUESTED]: 'New request to join your building',
  [NotificationKind.MEMBERSHIP_APPROVED]: 'Welcome to the building',
  [NotificationKind.MEDIA_READY]: 'Your upload is ready',
  [NotificationKind.MEDIA_FAILED]: 'Your upload could not be processed',
};

/** The email for a notification: plain text, the notification's own sentence, who did it, and how to stop these emails. */
export function renderEmail(input: { type: NotificationKind; text: string; recipientName: string | null; actorName: string | null }): EmailContent {
  const greeting = input.recipientName ? `Hello ${input.recipientName},` : 'Hello,';
  const line = input.actorName ? `${input.actorName}: ${input.text}` : input.text;
  return {
    subject: `Lobby: ${SUBJECTS[input.type]}`,
    text: [greeting, '', line, '', 'Open Lobby to see it.', '', `You get this email because ${input.type} emails are on in your notification preferences.`].join('\n'),
  };
}
