import { Migration } from '@mikro-orm/migrations';

export class Migration20261121232236 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "notifications" ("id" uuid not null, "recipient_id" uuid not null, "type" text check ("type" in ('MESSAGE_RECEIVED', 'OFFER_RECEIVED', 'OFFER_ACCEPTED', 'OFFER_DECLINED', 'LISTING_SOLD', 'LISTING_FAVORITED', 'MEMBERSHIP_REQUESTED', 'MEMBERSHIP_APPROVED', 'MEDIA_READY', 'MEDIA_FAILED')) not null, "actor_id" uuid null, "subject_kind" text check ("subject_kind" in ('CONVERSATION', 'LISTING', 'BUILDING', 'MEDIA')) not null, "subject_id" uuid not null, "text" text not null, "count" int not null default 1, "collapse_key" text null, "read_at" timestamptz null, "seen_at" timestamptz null, "emailed_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "notifications_pkey" primary key ("id"));`);
    this.addSql(`create unique index "notifications_unread_collapse_unique" on "notifications" ("recipient_id", "collapse_key") where "read_at" is null;`);
    this.addSql(`create index "notifications_recipient_unread_index" on "notifications" ("recipient_id") where "read_at" is null;`);
    this.addSql(`create index "notifications_recipient_list_index" on "notifications" ("recipient_id", "updated_at", "id");`);

    this.addSql(`create table "notification_preferences" ("user_id" uuid not null, "type" text check ("type" in ('MESSAGE_RECEIVED', 'OFFER_RECEIVED', 'OFFER_ACCEPTED', 'OFFER_DECLINED', 'LISTING_SOLD', 'LISTING_FAVORITED', 'MEMBERSHIP_REQUESTED', 'MEMBERSHIP_APPROVED', 'MEDIA_READY', 'MEDIA_FAILED')) not null, "channel" text check ("channel" in ('IN_APP', 'EMAIL')) not null, "enabled" boolean not null, "updated_at" timestamptz not null, constraint "notification_preferences_pkey" primary key ("user_id", "type", "channel"));`);

    this.addSql(`create table "processed_events" ("event_id" uuid not null, "type" text not null, "occurred_at" timestamptz not null, "processed_at" timestamptz not null, constraint "processed_events_pkey" primary key ("event_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "notifications" cascade;`);

    this.addSql(`drop table if exists "notification_preferences" cascade;`);

    this.addSql(`drop table if exists "processed_events" cascade;`);
  }

}
