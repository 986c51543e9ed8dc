import { parseId } from '@lobby/platform';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { MediaContext } from '../context.js';
import type { Media } from '../media/media.entity.js';
import type { MediaRecord } from '../media/media.loader.js';
import { MediaType } from '../media/media.type.js';
import { UserType, type UserReference } from '../user/user.type.js';

@Resolver(() => UserType)
export class AvatarResolver {
  @Mutation(() => MediaType, { nullable: true, description: 'Your avatar: one of your AVATAR uploads (READY or PROCESSING); null clears it.' })
  setAvatar(@Arg('mediaId', () => ID, { nullable: true }) mediaId: string | null, @Ctx() { avatars }: MediaContext): Promise<Media | null> {
    return avatars.set(mediaId === null ? null : parseId(mediaId, 'mediaId'));
  }

  @FieldResolver(() => MediaType, { nullable: true, description: 'The avatar the user chose, if any.' })
  async avatar(@Root() user: UserReference, @Ctx() { loaders }: MediaContext): Promise<MediaRecord | null> {
    const mediaId = await loaders.avatarIdByUser.load(user.id);
    return mediaId ? loaders.mediaById.load(mediaId) : null;
  }
}
