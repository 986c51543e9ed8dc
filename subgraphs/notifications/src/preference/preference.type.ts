import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { NotificationKind } from '../notification/notification.rules.js';
import { NotificationChannel } from './preference.rules.js';

registerEnumType(NotificationChannel, {
  name: 'NotificationChannel',
  valuesConfig: {
    IN_APP: { description: 'The notification list, the unread count and the live subscriptions. Off: that kind makes no notification at all.' },
    EMAIL: { description: 'An email for each new notification of that kind (not for a burst folded into one).' },
  },
});

@ObjectType('NotificationPreference')
export class PreferenceType {
  @Field(() => NotificationKind)
  type!: NotificationKind;

  @Field(() => NotificationChannel)
  channel!: NotificationChannel;

  @Field(() => Boolean)
  enabled!: boolean;
}

@InputType('NotificationPreferenceInput')
export class PreferenceInput {
  @Field(() => NotificationKind)
  type!: NotificationKind;

  @Field(() => NotificationChannel)
  channel!: NotificationChannel;

  @Field(() => Boolean)
  enabled!: boolean;
}
