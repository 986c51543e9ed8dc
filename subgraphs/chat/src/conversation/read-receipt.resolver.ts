import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ChatContext } from '../context.js';
import type { Message } from '../message/message.entity.js';
import { MessageType } from '../message/message.type.js';
import { UserType, type UserReference } from '../user/user.type.js';
import { ReadReceiptType } from './conversation.type.js';
import type { Participant } from './participant.entity.js';

/** A read receipt is a participant row, seen from the conversation (whose access was checked on the way in). */
@Resolver(() => ReadReceiptType)
export class ReadReceiptResolver {
  @FieldResolver(() => UserType)
  user(@Root() participant: Participant): UserReference {
    return { id: participant.userId };
  }

  @FieldResolver(() => MessageType, { nullable: true, description: 'The last message they have read; null if none yet.' })
  lastReadMessage(@Root() participant: Participant, @Ctx() { loaders }: ChatContext): Promise<Message | null> | null {
    return participant.lastReadMessageId ? loaders.messageById.load(participant.lastReadMessageId) : null;
  }
}
