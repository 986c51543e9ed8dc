import { ProcessedEvent } from './domain-events/processed-event.entity.js';
import { Notification } from './notification/notification.entity.js';
import { Preference } from './preference/preference.entity.js';

export const entities = [Notification, Preference, ProcessedEvent];
