import { Migration } from '@mikro-orm/migrations';

export class Migration20261121212506 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "conversations" ("id" uuid not null, "kind" text check ("kind" in ('DIRECT', 'LISTING')) not null, "direct_key" text null, "created_at" timestamptz not null, "last_activity_at" timestamptz not null, "last_seq" int not null default 0, constraint "conversations_pkey" primary key ("id"));`);
    this.addSql(`alter table "conversations" add constraint "conversations_direct_key_unique" unique ("direct_key");`);

    this.addSql(`create table "messages" ("id" uuid not null, "conversation_id" uuid not null, "seq" int not null, "sender_id" uuid not null, "client_message_id" text not null, "body" text null, "attachments" uuid[] not null, "created_at" timestamptz not null, "edited_at" timestamptz null, "deleted_at" timestamptz null, constraint "messages_pkey" primary key ("id"));`);
    this.addSql(`alter table "messages" add constraint "messages_sender_id_client_message_id_unique" unique ("sender_id", "client_message_id");`);
    this.addSql(`alter table "messages" add constraint "messages_conversation_id_seq_unique" unique ("conversation_id", "seq");`);

    this.addSql(`create table "participants" ("id" uuid not null, "conversation_id" uuid not null, "user_id" uuid not null, "joined_at" timestamptz not null, "last_read_seq" int not null default 0, "last_read_message_id" uuid null, "last_read_at" timestamptz null, constraint "participants_pkey" primary key ("id"));`);
    this.addSql(`create index "participants_user_id_index" on "participants" ("user_id");`);
    this.addSql(`alter table "participants" add constraint "participants_conversation_id_user_id_unique" unique ("conversation_id", "user_id");`);

    this.addSql(`alter table "messages" add constraint "messages_conversation_id_foreign" foreign key ("conversation_id") references "conversations" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "participants" add constraint "participants_conversation_id_foreign" foreign key ("conversation_id") references "conversations" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "messages" drop constraint "messages_conversation_id_foreign";`);

    this.addSql(`alter table "participants" drop constraint "participants_conversation_id_foreign";`);

    this.addSql(`drop table if exists "conversations" cascade;`);

    this.addSql(`drop table if exists "messages" cascade;`);

    this.addSql(`drop table if exists "participants" cascade;`);
  }

}
