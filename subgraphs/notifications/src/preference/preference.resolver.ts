import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { NotificationsContext } from '../context.js';
import type { PreferenceSetting } from './preference.rules.js';
import { PreferenceInput, PreferenceType } from './preference.type.js';

@Resolver(() => PreferenceType)
export class PreferenceResolver {
  @Query(() => [PreferenceType], { description: 'Every notification type on every channel, on or off, for you.' })
  notificationPreferences(@Ctx() { preferences }: NotificationsContext): Promise<PreferenceSetting[]> {
    return preferences.mine();
  }

  @Mutation(() => [PreferenceType], {
    description: 'Turns the named types on or off per channel (each at most once); the rest keep their values. Returns every preference.',
  })
  updateNotificationPreferences(@Arg('preferences', () => [PreferenceInput]) settings: PreferenceInput[], @Ctx() { preferences }: NotificationsContext): Promise<PreferenceSetting[]> {
    return preferences.update(settings);
  }
}
