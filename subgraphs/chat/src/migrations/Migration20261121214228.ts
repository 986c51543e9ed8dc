import { Migration } from '@mikro-orm/migrations';

export class Migration20261121214228 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "conversations" add column "listing_id" uuid null, add column "listing_key" text null;`);
    this.addSql(`alter table "conversations" add constraint "conversations_listing_key_unique" unique ("listing_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "conversations" drop constraint "conversations_listing_key_unique";`);
    this.addSql(`alter table "conversations" drop column "listing_id", drop column "listing_key";`);
  }

}
