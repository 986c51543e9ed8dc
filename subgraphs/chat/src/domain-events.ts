import { createDomainEvent, type AnyDomainEvent } from '@lobby/contracts';
import type { MessageData } from './message/message.data.js';

const PREVIEW_LENGTH = 140;

/**
 * `chat.message.sent` (packages/contracts/src/domain-events.ts), recorded in the transaction that
 * stores the message. The recipients are the other participants at the time of sending.
 */
export function messageSentEvent(message: MessageData, participantIds: string[]): AnyDomainEvent {
  return createDomainEvent('chat.message.sent', message.senderId, {
    conversationId: message.conversation.id,
    messageId: message.id,
    recipientIds: participantIds.filter((id) => id !== message.senderId),
    preview: preview(message.body ?? ''),
  });
}

/** At most PREVIEW_LENGTH UTF-16 units, never cutting a character in half. */
export function preview(body: string): string {
  if (body.length <= PREVIEW_LENGTH) return body;
  let cut = '';
  for (const character of body) {
    if (cut.length + character.length > PREVIEW_LENGTH - 1) break;
    cut += character;
  }
  return `${cut}…`;
}
