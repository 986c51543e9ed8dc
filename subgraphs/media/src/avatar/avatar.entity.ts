import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** The avatar a user chose: kept here, beside the media, so identity stays untouched (docs/adr/0009-media.md). */
@Entity({ tableName: 'avatars' })
export class Avatar {
  /** identity's user id. */
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'uuid' })
  mediaId!: string;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
