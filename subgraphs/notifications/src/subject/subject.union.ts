import { createUnionType } from 'type-graphql';
import { SubjectKind } from '../notification/notification.rules.js';
import { BuildingType, ConversationType, ListingType, MediaType } from './subject.types.js';

/** A notification's subject as resolvers hand it over: the stored kind and id. */
export interface SubjectReference {
  kind: SubjectKind;
  id: string;
}

const typeNames: Record<SubjectKind, string> = {
  [SubjectKind.CONVERSATION]: 'Conversation',
  [SubjectKind.LISTING]: 'Listing',
  [SubjectKind.BUILDING]: 'Building',
  [SubjectKind.MEDIA]: 'Media',
};

export const NotificationSubject = createUnionType({
  name: 'NotificationSubject',
  description: 'What a notification is about. Its fields come from the subgraph that owns it, as that subgraph shows it to you.',
  types: () => [ConversationType, ListingType, BuildingType, MediaType] as const,
  // Resolvers hand over SubjectReferences (notification.resolver.ts), never instances of the stubs.
  resolveType: (subject) => typeNames[(subject as unknown as SubjectReference).kind],
});
