import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'users' })
export class User {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Normalised (trimmed, NFKC, lower-case); unique. */
  @Property({ type: 'text', unique: true })
  email!: string;

  /** argon2id, PHC string format. */
  @Property({ type: 'text', lazy: true, hidden: true })
  passwordHash!: string;

  @Property({ type: 'text' })
  displayName!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
