import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { JWK } from 'jose';

/** An Ed25519 key pair for access tokens. The newest unretired key signs; JWKS publishes the rest until their tokens expire. */
@Entity({ tableName: 'signing_keys' })
export class SigningKey {
  [OptionalProps]?: 'algorithm' | 'createdAt' | 'retiredAt';

  @PrimaryKey({ type: 'text' })
  kid!: string;

  @Property({ type: 'text' })
  algorithm = 'EdDSA';

  @Property({ type: 'json' })
  publicJwk!: JWK;

  /** The private JWK, AES-256-GCM encrypted with IDENTITY_KEY_ENCRYPTION_KEY (see key-encryption.ts). */
  @Property({ type: 'text', hidden: true })
  encryptedPrivateJwk!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  retiredAt: Date | null = null;
}
