import { parseId } from '@lobby/platform';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { MediaContext } from '../context.js';
import { UserType, type UserReference } from '../user/user.type.js';
import type { Media } from './media.entity.js';
import type { MediaRecord } from './media.loader.js';
import { selectVariants } from './media.rules.js';
import { CreateUploadInput, CreateUploadPayload, ImageFormat, MediaType, MediaVariantType } from './media.type.js';
import type { NewUpload } from './media.service.js';

@Resolver(() => MediaType)
export class MediaResolver {
  @Query(() => MediaType, { nullable: true, description: 'null with NOT_FOUND for a media that does not exist or that you may not see (the two are indistinguishable).' })
  media(@Arg('id', () => ID) id: string, @Ctx() { media }: MediaContext): Promise<MediaRecord> {
    return media.find(parseId(id, 'id'));
  }

  @Mutation(() => CreateUploadPayload, { description: 'Starts an upload: PUT the file to uploadUrl with uploadHeaders, then call completeUpload(mediaId).' })
  createUpload(@Arg('input', () => CreateUploadInput) input: CreateUploadInput, @Ctx() { media }: MediaContext): Promise<NewUpload> {
    return media.createUpload(input);
  }

  @Mutation(() => MediaType, { description: 'After the PUT: checks the stored file and queues it for processing; answers at once (PROCESSING). Idempotent.' })
  completeUpload(@Arg('mediaId', () => ID) mediaId: string, @Ctx() { media }: MediaContext): Promise<Media> {
    return media.completeUpload(parseId(mediaId, 'mediaId'));
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why processing FAILED, for the owner (null for anyone else).' })
  failureReason(@Root() media: MediaRecord, @Ctx() { viewer }: MediaContext): string | null {
    return viewer.userId === media.ownerId ? media.failureReason : null;
  }

  @FieldResolver(() => [MediaVariantType], {
    description:
      'Smallest first, WebP before AVIF at each width; empty until READY. Ask for what you show: `maxWidth` keeps the variants at most that wide (the smallest if none is), `formats` those formats.',
  })
  variants(
    @Root() media: MediaRecord,
    @Ctx() { media: service }: MediaContext,
    @Arg('maxWidth', () => Int, { nullable: true }) maxWidth: number | null,
    @Arg('formats', () => [ImageFormat], { nullable: true }) formats: string[] | null,
  ): Promise<MediaVariantType[]> {
    const wanted = selectVariants(media.variants, { maxWidth, formats });
    return Promise.all(wanted.map(async ({ key, ...variant }) => ({ ...variant, url: await service.downloadUrl(key) })));
  }

  @FieldResolver(() => UserType)
  owner(@Root() media: MediaRecord): UserReference {
    return { id: media.ownerId };
  }
}
