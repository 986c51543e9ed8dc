import { imageFormats } from '@lobby/contracts';
import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserType } from '../user/user.type.js';
import { MediaPurpose, MediaStatus } from './media.status.js';

registerEnumType(MediaPurpose, { name: 'MediaPurpose', description: 'What an upload is for; decides who may see it.' });
registerEnumType(MediaStatus, {
  name: 'MediaStatus',
  valuesConfig: {
    PENDING_UPLOAD: { description: 'Waiting for the bytes and completeUpload.' },
    PROCESSING: { description: 'Checked and queued; the variants are being made.' },
    READY: { description: 'Variants ready to download.' },
    FAILED: { description: 'Could not be processed; see failureReason.' },
  },
});

export const ImageFormat = Object.fromEntries(imageFormats.map((format) => [format, format])) as { [F in (typeof imageFormats)[number]]: F };
registerEnumType(ImageFormat, { name: 'ImageFormat' });

@ObjectType('MediaVariant', { description: 'A compressed copy of the image, never wider than the original; no metadata (EXIF, GPS) survives.' })
export class MediaVariantType {
  @Field(() => ImageFormat)
  format!: string;

  @Field(() => Int)
  width!: number;

  @Field(() => Int)
  height!: number;

  @Field(() => Int)
  byteSize!: number;

  @Field(() => String, { description: 'Signed and expiring: ask again for a fresh one.' })
  url!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Media', { description: 'An uploaded image and its compressed variants. Owners see their own; listing photos and avatars, once uploaded, anyone who reaches them; chat attachments only their owner.' })
export class MediaType {
  @Field(() => ID)
  id!: string;

  @Field(() => UserType)
  owner!: UserType;

  @Field(() => MediaPurpose)
  purpose!: MediaPurpose;

  @Field(() => MediaStatus)
  status!: MediaStatus;

  @Field(() => String, { description: 'The declared content type.' })
  contentType!: string;

  @Field(() => Int, { description: 'The declared size of the original, in bytes.' })
  byteSize!: number;

  @Field(() => Int, { nullable: true, description: 'Of the image as displayed (after EXIF orientation), once READY.' })
  width!: number | null;

  @Field(() => Int, { nullable: true })
  height!: number | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType('HttpHeader')
export class HttpHeaderType {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  value!: string;
}

@ObjectType('CreateUploadPayload')
export class CreateUploadPayload {
  @Field(() => MediaType)
  media!: object;

  @Field(() => String, { description: 'PUT the bytes here (the body is the file itself, not multipart), with uploadHeaders, then call completeUpload.' })
  uploadUrl!: string;

  @Field(() => [HttpHeaderType])
  uploadHeaders!: HttpHeaderType[];

  @Field(() => Date)
  expiresAt!: Date;
}

@InputType()
export class CreateUploadInput {
  @Field(() => MediaPurpose)
  purpose!: MediaPurpose;

  @Field(() => String, { description: 'image/jpeg, image/png, image/webp, image/avif, image/heic, image/heif or image/gif; the bytes are checked too.' })
  contentType!: string;

  @Field(() => Int, { description: 'Exact size of the file in bytes; at most the service limit (15 MB by default).' })
  byteSize!: number;
}
