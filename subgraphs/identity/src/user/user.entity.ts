import { randomUUID } from 'node:crypto';
import { ArrayType, Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'users' })
export class User {
  [OptionalProps]?: 'id' | 'createdAt' | 'roles';

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

  /** Lobby-wide roles (roles/roles.ts), granted with `node dist/grant-role.js`; the access token carries them. */
  @Property({ type: ArrayType, default: '{}' })
  roles: string[] = [];
}
