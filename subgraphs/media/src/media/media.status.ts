export enum MediaPurpose {
  LISTING_PHOTO = 'LISTING_PHOTO',
  AVATAR = 'AVATAR',
  CHAT_ATTACHMENT = 'CHAT_ATTACHMENT',
}

/** PENDING_UPLOAD → PROCESSING (upload completed and checked) → READY or FAILED (final). */
export enum MediaStatus {
  PENDING_UPLOAD = 'PENDING_UPLOAD',
  PROCESSING = 'PROCESSING',
  READY = 'READY',
  FAILED = 'FAILED',
}
