import { ServiceUnavailableError, UserInputError, createSubgraphCaller, type CallerContext } from '@lobby/platform';
import { z } from 'zod';

export const PHOTOS_QUERY = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Media { id status purpose owner { id } } } }';

const answer = z.object({
  data: z.object({
    _entities: z.array(z.object({ id: z.string(), status: z.string(), purpose: z.string(), owner: z.object({ id: z.string() }) }).nullable()),
  }),
  errors: z.undefined().optional(),
});

/** Checks photo ids a seller attaches, by asking media as the seller (docs/adr/0009-media.md). */
export interface MediaClient {
  /** BAD_USER_INPUT unless every id is the caller's own LISTING_PHOTO, READY or PROCESSING; SERVICE_UNAVAILABLE when media does not answer. */
  requireAttachablePhotos(caller: CallerContext, mediaIds: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Asks the media subgraph through its published contract (`_entities` for `Media`), signed with
 * the caller's own context: media answers exactly what it would answer the caller through the
 * router, so a photo the caller may not see comes back null, like one that does not exist.
 */
export function createMediaClient(options: { url: string; signingSecret: string; timeoutMs: number }): MediaClient {
  const media = createSubgraphCaller(options);
  return {
    async requireAttachablePhotos(caller, mediaIds) {
      if (mediaIds.length === 0) return;
      let parsed: unknown;
      try {
        parsed = await media.query(caller, PHOTOS_QUERY, { r: mediaIds.map((id) => ({ __typename: 'Media', id })) });
      } catch (error) {
        throw new ServiceUnavailableError('The media service did not answer; try again shortly.', error);
      }
      const result = answer.safeParse(parsed);
      if (!result.success) throw new ServiceUnavailableError('The media service gave an unexpected answer.', new Error(JSON.stringify(parsed).slice(0, 500)));
      const refused = mediaIds.filter((_, i) => {
        const photo = result.data.data._entities[i];
        return !photo || photo.owner.id !== caller.userId || photo.purpose !== 'LISTING_PHOTO' || !['READY', 'PROCESSING'].includes(photo.status);
      });
      if (refused.length > 0) {
        throw new UserInputError(`photoIds must be your own LISTING_PHOTO uploads, READY or PROCESSING (not ${refused.join(', ')}).`, 'photoIds');
      }
    },
    close: () => media.close(),
  };
}
