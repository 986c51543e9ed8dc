import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { KeyEncryption } from './key-encryption.js';
import { SigningKey } from './signing-key.entity.js';

export interface KeyRingOptions {
  /** A fresh EntityManager fork per use: the key ring lives for the whole process. */
  entityManager: () => EntityManager;
  encryptionSecret: string;
  /** Retired keys stay published this long, so tokens they signed keep verifying. */
  publishRetiredForSeconds: number;
  rotateAfterDays: number;
}

interface ActiveKey {
  kid: string;
  privateKey: CryptoKey;
  createdAt: Date;
}

/**
 * The signing keys of this identity deployment. Keys live in the database so every replica
 * signs with the same key; each replica caches them and reloads on `refresh()`.
 */
export class KeyRing {
  private readonly encryption: KeyEncryption;
  private active: ActiveKey | null = null;
  private published: JWK[] = [];

  constructor(private readonly options: KeyRingOptions) {
    this.encryption = new KeyEncryption(options.encryptionSecret);
  }

  /** Loads the keys, creating the first one or rotating an old one as needed. */
  async refresh(now = new Date()): Promise<void> {
    let keys = await this.load();
    const newest = keys.find((key) => key.retiredAt === null);
    const maxAgeMs = this.options.rotateAfterDays * 86_400_000;
    if (!newest || now.getTime() - newest.createdAt.getTime() > maxAgeMs) {
      await this.rotate(now);
      keys = await this.load();
    }
    const signing = keys.find((key) => key.retiredAt === null);
    if (!signing) throw new Error('No active signing key after rotation');
    const privateJwk = JSON.parse(this.encryption.open(signing.encryptedPrivateJwk, signing.kid)) as JWK;
    this.active = {
      kid: signing.kid,
      privateKey: (await importJWK(privateJwk, 'EdDSA')) as CryptoKey,
      createdAt: signing.createdAt,
    };
    const publishSince = now.getTime() - this.options.publishRetiredForSeconds * 1000;
    this.published = keys
      .filter((key) => key.retiredAt === null || key.retiredAt.getTime() > publishSince)
      .map((key) => ({ ...key.publicJwk, kid: key.kid, alg: 'EdDSA', use: 'sig' }));
  }

  /** Retires the current key and makes a new one. Its tokens stay valid: its public key stays published. */
  async rotate(now = new Date()): Promise<string> {
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const kid = `${now.toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
    const em = this.options.entityManager();
    await em.transactional(async (tx) => {
      await tx.nativeUpdate(SigningKey, { retiredAt: null }, { retiredAt: now });
      tx.create(SigningKey, {
        kid,
        algorithm: 'EdDSA',
        publicJwk: await exportJWK(publicKey),
        encryptedPrivateJwk: this.encryption.seal(JSON.stringify(await exportJWK(privateKey)), kid),
        createdAt: now,
      });
    });
    return kid;
  }

  signingKey(): ActiveKey {
    if (!this.active) throw new Error('Key ring not loaded: call refresh() first');
    return this.active;
  }

  jwks(): { keys: JWK[] } {
    return { keys: this.published };
  }

  private load(): Promise<SigningKey[]> {
    return this.options.entityManager().find(SigningKey, {}, { orderBy: { createdAt: 'desc' } });
  }
}
