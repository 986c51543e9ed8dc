import { PageInfo } from '@lobby/platform';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ListingSort } from './listing.cursor.js';
import type { ListingRecord } from './listing.record.js';
import { ListingCondition, ListingStatus, ListingVisibility } from './listing.status.js';

registerEnumType(ListingStatus, {
  name: 'ListingStatus',
  description: 'DRAFT → ACTIVE → RESERVED → SOLD; DRAFT, ACTIVE and RESERVED can be ARCHIVED, and an ARCHIVED listing published again.',
});
registerEnumType(ListingVisibility, {
  name: 'ListingVisibility',
  valuesConfig: {
    BUILDING: { description: "Only the building's ACTIVE members (the default)." },
    PUBLIC: { description: 'Everyone, signed in or not.' },
  },
});
registerEnumType(ListingCondition, { name: 'ListingCondition' });
registerEnumType(ListingSort, {
  name: 'ListingSort',
  valuesConfig: {
    RELEVANCE: { description: 'Best match first (title words weigh more than description words); NEWEST without a query.' },
    NEWEST: { description: 'Most recently published first.' },
    PRICE_ASC: { description: 'Cheapest first (amounts compared as they are, whatever the currency).' },
    PRICE_DESC: { description: 'Dearest first.' },
  },
});

/** An amount of money: integer minor units (cents) of an ISO 4217 currency. */
@Directive('@shareable')
@ObjectType('Money')
export class MoneyType {
  @Field(() => Int, { description: 'Minor units of the currency, such as cents; 0 is free.' })
  amount!: number;

  @Field(() => String, { description: 'ISO 4217 code, such as EUR or VND.' })
  currency!: string;
}

/**
 * A thing a resident sells to neighbours. BUILDING listings are visible to the building's ACTIVE
 * members only, PUBLIC ones to everyone; drafts and archived listings to their seller alone. On
 * every path, a listing you may not see looks exactly like one that does not exist.
 */
@Directive('@key(fields: "id")')
@ObjectType('Listing')
export class ListingType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: '3 to 120 characters.' })
  title!: string;

  @Field(() => String, { description: 'At most 5000 characters; may be empty.' })
  description!: string;

  @Field(() => ListingStatus)
  status!: ListingStatus;

  @Field(() => ListingVisibility)
  visibility!: ListingVisibility;

  @Field(() => ListingCondition)
  condition!: ListingCondition;

  @Field(() => [ID], { description: 'Media ids of the photos, in display order.' })
  photoIds!: string[];

  @Field(() => Date, { description: 'When it was created, then when it was last published; NEWEST orders by it.' })
  listedAt!: Date;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType('ListingEdge')
export class ListingEdge {
  @Field(() => ListingType)
  node!: ListingRecord;

  @Field(() => String)
  cursor!: string;
}

@ObjectType('ListingConnection')
export class ListingConnection {
  @Field(() => [ListingEdge])
  edges!: ListingEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
