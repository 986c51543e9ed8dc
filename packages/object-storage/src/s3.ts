import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NotFound,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { assertSafeKey, type ObjectStorage, type UploadRules, type UploadTarget } from './object-storage.js';

export interface S3Settings {
  /** Empty for AWS itself; the store's URL for any other S3-compatible one (MinIO, R2, s3rver…). */
  endpoint?: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `bucket` in the path rather than the host name: what most self-hosted stores need. */
  forcePathStyle: boolean;
}

const secondsUntil = (date: Date) => Math.max(1, Math.floor((date.getTime() - Date.now()) / 1000));

/**
 * Any S3-compatible store. Clients upload and download with presigned URLs straight to the store;
 * the presigned PUT signs the declared Content-Length and Content-Type, so the store itself
 * refuses a body of another size (the size limit holds before a byte is stored).
 */
export class S3Storage implements ObjectStorage {
  readonly kind = 's3' as const;
  private readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint || undefined,
      forcePathStyle: settings.forcePathStyle,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    });
  }

  async uploadTarget(key: string, rules: UploadRules): Promise<UploadTarget> {
    const command = new PutObjectCommand({ Bucket: this.settings.bucket, Key: assertSafeKey(key), ContentType: rules.contentType, ContentLength: rules.byteSize });
    const url = await getSignedUrl(this.client, command, { expiresIn: secondsUntil(rules.expiresAt), signableHeaders: new Set(['content-type', 'content-length']) });
    return { url, headers: [{ name: 'content-type', value: rules.contentType }] };
  }

  downloadUrl(key: string, expiresAt: Date): Promise<string> {
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.settings.bucket, Key: assertSafeKey(key) }), { expiresIn: secondsUntil(expiresAt) });
  }

  async stat(key: string): Promise<{ byteSize: number } | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: assertSafeKey(key) }));
      return { byteSize: head.ContentLength ?? 0 };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async readStart(key: string, length: number): Promise<Buffer> {
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: assertSafeKey(key), Range: `bytes=0-${length - 1}` }));
    return Buffer.from(await object.Body!.transformToByteArray()).subarray(0, length);
  }

  async read(key: string): Promise<Buffer> {
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: assertSafeKey(key) }));
    return Buffer.from(await object.Body!.transformToByteArray());
  }

  async write(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.settings.bucket, Key: assertSafeKey(key), Body: body, ContentType: contentType }));
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix: prefix, ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).map((object) => object.Key!).filter(Boolean));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.client.send(new DeleteObjectsCommand({ Bucket: this.settings.bucket, Delete: { Objects: keys.map((key) => ({ Key: assertSafeKey(key) })), Quiet: true } }));
  }

  close(): void {
    this.client.destroy();
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof NotFound || error instanceof NoSuchKey || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;
}
