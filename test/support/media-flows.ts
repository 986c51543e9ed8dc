import { dataOf, type GraphQLResult } from './graphql.js';

/** Sends one operation as some caller (through the router, or signed straight to the subgraph). */
export type Send = <Data>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResult<Data>>;

export const MEDIA_FIELDS = 'id status purpose failureReason width height owner { id } variants { format width height byteSize url }';

export interface MediaResult {
  id: string;
  status: 'PENDING_UPLOAD' | 'PROCESSING' | 'READY' | 'FAILED';
  purpose: string;
  failureReason: string | null;
  width: number | null;
  height: number | null;
  owner: { id: string };
  variants: Array<{ format: string; width: number; height: number; byteSize: number; url: string }>;
}

export interface Upload {
  media: { id: string; status: string };
  uploadUrl: string;
  uploadHeaders: Array<{ name: string; value: string }>;
  expiresAt: string;
}

const CREATE_UPLOAD = 'mutation($input: CreateUploadInput!) { createUpload(input: $input) { media { id status } uploadUrl uploadHeaders { name value } expiresAt } }';
const COMPLETE_UPLOAD = `mutation($id: ID!) { completeUpload(mediaId: $id) { ${MEDIA_FIELDS} } }`;
const MEDIA = `query($id: ID!) { media(id: $id) { ${MEDIA_FIELDS} } }`;

export function mediaClient(send: Send) {
  return {
    createUpload: (input: { purpose: string; contentType: string; byteSize: number }) => send<{ createUpload: Upload }>(CREATE_UPLOAD, { input }),
    complete: (mediaId: string) => send<{ completeUpload: MediaResult }>(COMPLETE_UPLOAD, { id: mediaId }),
    get: (mediaId: string) => send<{ media: MediaResult | null }>(MEDIA, { id: mediaId }),

    /** createUpload, PUT the bytes as a client would, completeUpload; returns the media as completeUpload answered. */
    async upload(bytes: Buffer, contentType: string, purpose = 'LISTING_PHOTO'): Promise<MediaResult> {
      const { createUpload } = dataOf(await send<{ createUpload: Upload }>(CREATE_UPLOAD, { input: { purpose, contentType, byteSize: bytes.length } }));
      const put = await putUpload(createUpload, bytes);
      if (put.status !== 200) throw new Error(`PUT answered ${put.status}: ${await put.text()}`);
      return dataOf(await send<{ completeUpload: MediaResult }>(COMPLETE_UPLOAD, { id: createUpload.media.id })).completeUpload;
    },

    /** Polls `media(id)` until its status is final (READY or FAILED), or fails after `timeoutMs`. */
    async settled(mediaId: string, timeoutMs = 30_000): Promise<MediaResult> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { media } = dataOf(await send<{ media: MediaResult }>(MEDIA, { id: mediaId }));
        if (media.status === 'READY' || media.status === 'FAILED') return media;
        if (Date.now() > deadline) throw new Error(`media ${mediaId} still ${media.status} after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

/** The PUT a client makes: the file itself as the body, with the headers createUpload gave. */
export function putUpload(upload: Pick<Upload, 'uploadUrl' | 'uploadHeaders'>, body: Buffer | ReadableStream<Uint8Array>): Promise<Response> {
  const headers = Object.fromEntries(upload.uploadHeaders.map((header) => [header.name, header.value]));
  return fetch(upload.uploadUrl, { method: 'PUT', headers, body, ...(body instanceof Buffer ? {} : { duplex: 'half' }) } as RequestInit);
}
