import { Conversation } from './conversation/conversation.entity.js';
import { Participant } from './conversation/participant.entity.js';
import { Message } from './message/message.entity.js';

export const entities = [Conversation, Participant, Message];
