import { Migration } from '@mikro-orm/migrations';

export class Migration20261121232258 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "avatars" ("user_id" uuid not null, "media_id" uuid not null, "updated_at" timestamptz not null, constraint "avatars_pkey" primary key ("user_id"));`);

    this.addSql(`create table "media" ("id" uuid not null, "owner_id" uuid not null, "purpose" text check ("purpose" in ('LISTING_PHOTO', 'AVATAR', 'CHAT_ATTACHMENT')) not null, "status" text check ("status" in ('PENDING_UPLOAD', 'PROCESSING', 'READY', 'FAILED')) not null default 'PENDING_UPLOAD', "failure_reason" text null, "content_type" text not null, "byte_size" int not null, "detected_type" text null, "original_key" text not null, "upload_expires_at" timestamptz not null, "width" int null, "height" int null, "variants" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "processed_at" timestamptz null, constraint "media_pkey" primary key ("id"));`);
    this.addSql(`alter table "media" add constraint "media_original_key_unique" unique ("original_key");`);
    this.addSql(`create index "media_owner_id_created_at_index" on "media" ("owner_id", "created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "avatars" cascade;`);

    this.addSql(`drop table if exists "media" cascade;`);
  }

}
