import { Migration } from '@mikro-orm/migrations';

export class Migration20261121211011 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "buildings" ("id" uuid not null, "name" text not null, "slug" text not null, "address" text not null, "city" text not null, "country" text not null, "accent_color" text not null default '#2563eb', "logo_media_id" uuid null, "created_at" timestamptz not null, constraint "buildings_pkey" primary key ("id"));`);
    this.addSql(`alter table "buildings" add constraint "buildings_slug_unique" unique ("slug");`);

    this.addSql(`create table "memberships" ("id" uuid not null, "building_id" uuid not null, "user_id" uuid not null, "status" text check ("status" in ('PENDING', 'ACTIVE', 'REJECTED', 'LEFT', 'REMOVED')) not null, "role" text check ("role" in ('RESIDENT', 'MANAGER')) not null, "requested_at" timestamptz not null, "joined_at" timestamptz null, "updated_at" timestamptz not null, constraint "memberships_pkey" primary key ("id"));`);
    this.addSql(`create index "memberships_user_id_index" on "memberships" ("user_id");`);
    this.addSql(`create index "memberships_building_id_status_index" on "memberships" ("building_id", "status");`);
    this.addSql(`alter table "memberships" add constraint "memberships_building_id_user_id_unique" unique ("building_id", "user_id");`);

    this.addSql(`alter table "memberships" add constraint "memberships_building_id_foreign" foreign key ("building_id") references "buildings" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "memberships" drop constraint "memberships_building_id_foreign";`);

    this.addSql(`drop table if exists "buildings" cascade;`);

    this.addSql(`drop table if exists "memberships" cascade;`);
  }

}
