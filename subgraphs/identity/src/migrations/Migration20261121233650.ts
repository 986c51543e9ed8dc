import { Migration } from '@mikro-orm/migrations';

export class Migration20261121233650 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "users" add column "roles" text[] not null default '{}';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "users" drop column "roles";`);
  }

}
