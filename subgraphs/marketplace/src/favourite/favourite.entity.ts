import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Listing } from '../listing/listing.entity.js';

/** A user's saved listing. One row per (user, listing); favouriting again changes nothing. */
@Entity({ tableName: 'favourites' })
@Unique({ properties: ['userId', 'listing'] })
// myFavorites: a user's favourites, newest first.
@Index({ properties: ['userId', 'createdAt', 'id'] })
export class Favourite {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => Listing, { deleteRule: 'cascade', index: true })
  listing!: Listing;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
