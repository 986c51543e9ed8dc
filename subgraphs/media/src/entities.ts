import { Avatar } from './avatar/avatar.entity.js';
import { Media } from './media/media.entity.js';

export const entities = [Media, Avatar];
