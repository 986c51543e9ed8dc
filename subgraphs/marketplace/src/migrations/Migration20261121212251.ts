import { Migration } from '@mikro-orm/migrations';

export class Migration20261121212251 extends Migration {

  override async up(): Promise<void> {
    // Trigram indexes (partial-word search on titles) need pg_trgm; it is a trusted extension, so the database owner may create it.
    this.addSql(`create extension if not exists pg_trgm;`);

    this.addSql(`create table "categories" ("id" uuid not null, "slug" text not null, "name" text not null, "parent_id" uuid null, "position" int not null, constraint "categories_pkey" primary key ("id"));`);
    this.addSql(`alter table "categories" add constraint "categories_slug_unique" unique ("slug");`);
    this.addSql(`create table "listings" ("id" uuid not null, "seller_id" uuid not null, "building_id" uuid not null, "title" text not null, "description" text not null, "price_amount" int not null, "currency" text not null, "category_id" uuid not null, "condition" text check ("condition" in ('NEW', 'LIKE_NEW', 'GOOD', 'FAIR', 'FOR_PARTS')) not null, "status" text check ("status" in ('DRAFT', 'ACTIVE', 'RESERVED', 'SOLD', 'ARCHIVED')) not null default 'DRAFT', "visibility" text check ("visibility" in ('BUILDING', 'PUBLIC')) not null default 'BUILDING', "photo_ids" text[] not null, "listed_at" timestamptz not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "search" tsvector generated always as (setweight(to_tsvector('simple'::regconfig, title), 'A'::"char") || setweight(to_tsvector('simple'::regconfig, description), 'B'::"char")) stored null, constraint "listings_pkey" primary key ("id"), constraint listings_price_amount_check check (price_amount >= 0));`);
    this.addSql(`create index "listings_category_id_index" on "listings" ("category_id");`);
    this.addSql(`create index "listings_title_trgm_index" on "listings" using gin ("title" gin_trgm_ops);`);
    this.addSql(`create index "listings_search_index" on "listings" using gin ("search");`);
    this.addSql(`create index "listings_price_amount_id_index" on "listings" ("price_amount", "id");`);
    this.addSql(`create index "listings_listed_at_id_index" on "listings" ("listed_at", "id");`);
    this.addSql(`create index "listings_seller_id_listed_at_id_index" on "listings" ("seller_id", "listed_at", "id");`);
    this.addSql(`create index "listings_building_id_listed_at_id_index" on "listings" ("building_id", "listed_at", "id");`);
    this.addSql(`create table "favourites" ("id" uuid not null, "user_id" uuid not null, "listing_id" uuid not null, "created_at" timestamptz not null, constraint "favourites_pkey" primary key ("id"));`);
    this.addSql(`create index "favourites_listing_id_index" on "favourites" ("listing_id");`);
    this.addSql(`create index "favourites_user_id_created_at_id_index" on "favourites" ("user_id", "created_at", "id");`);
    this.addSql(`alter table "favourites" add constraint "favourites_user_id_listing_id_unique" unique ("user_id", "listing_id");`);
    this.addSql(`create table "offers" ("id" uuid not null, "listing_id" uuid not null, "buyer_id" uuid not null, "amount" int not null, "currency" text not null, "status" text check ("status" in ('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN')) not null default 'PENDING', "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "offers_pkey" primary key ("id"), constraint offers_amount_check check (amount >= 0));`);
    this.addSql(`create index "offers_buyer_id_created_at_id_index" on "offers" ("buyer_id", "created_at", "id");`);
    this.addSql(`create index "offers_listing_id_status_index" on "offers" ("listing_id", "status");`);
    this.addSql(`alter table "categories" add constraint "categories_parent_id_foreign" foreign key ("parent_id") references "categories" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "listings" add constraint "listings_category_id_foreign" foreign key ("category_id") references "categories" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "favourites" add constraint "favourites_listing_id_foreign" foreign key ("listing_id") references "listings" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "offers" add constraint "offers_listing_id_foreign" foreign key ("listing_id") references "listings" ("id") on update cascade on delete cascade;`);

    // The category tree is reference data with fixed ids; later migrations change it.
    this.addSql(`insert into "categories" ("id", "slug", "name", "parent_id", "position") values
      ('ca7e0000-0000-4000-8000-000000001000', 'electronics', 'Electronics', null, 1),
      ('ca7e0000-0000-4000-8000-000000001001', 'electronics-phones', 'Phones & tablets', 'ca7e0000-0000-4000-8000-000000001000', 1),
      ('ca7e0000-0000-4000-8000-000000001002', 'electronics-computers', 'Computers', 'ca7e0000-0000-4000-8000-000000001000', 2),
      ('ca7e0000-0000-4000-8000-000000001003', 'electronics-audio-video', 'Audio, TV & video', 'ca7e0000-0000-4000-8000-000000001000', 3),
      ('ca7e0000-0000-4000-8000-000000001004', 'electronics-gaming', 'Gaming', 'ca7e0000-0000-4000-8000-000000001000', 4),
      ('ca7e0000-0000-4000-8000-000000002000', 'furniture', 'Furniture', null, 2),
      ('ca7e0000-0000-4000-8000-000000002001', 'furniture-living-room', 'Living room', 'ca7e0000-0000-4000-8000-000000002000', 1),
      ('ca7e0000-0000-4000-8000-000000002002', 'furniture-bedroom', 'Bedroom', 'ca7e0000-0000-4000-8000-000000002000', 2),
      ('ca7e0000-0000-4000-8000-000000002003', 'furniture-dining', 'Kitchen & dining', 'ca7e0000-0000-4000-8000-000000002000', 3),
      ('ca7e0000-0000-4000-8000-000000002004', 'furniture-office', 'Office', 'ca7e0000-0000-4000-8000-000000002000', 4),
      ('ca7e0000-0000-4000-8000-000000003000', 'home', 'Home & garden', null, 3),
      ('ca7e0000-0000-4000-8000-000000003001', 'home-appliances', 'Appliances', 'ca7e0000-0000-4000-8000-000000003000', 1),
      ('ca7e0000-0000-4000-8000-000000003002', 'home-decor', 'Decor & lighting', 'ca7e0000-0000-4000-8000-000000003000', 2),
      ('ca7e0000-0000-4000-8000-000000003003', 'home-tools', 'Tools & DIY', 'ca7e0000-0000-4000-8000-000000003000', 3),
      ('ca7e0000-0000-4000-8000-000000003004', 'home-garden', 'Garden & plants', 'ca7e0000-0000-4000-8000-000000003000', 4),
      ('ca7e0000-0000-4000-8000-000000004000', 'fashion', 'Clothing & accessories', null, 4),
      ('ca7e0000-0000-4000-8000-000000004001', 'fashion-women', 'Women', 'ca7e0000-0000-4000-8000-000000004000', 1),
      ('ca7e0000-0000-4000-8000-000000004002', 'fashion-men', 'Men', 'ca7e0000-0000-4000-8000-000000004000', 2),
      ('ca7e0000-0000-4000-8000-000000004003', 'fashion-shoes-bags', 'Shoes & bags', 'ca7e0000-0000-4000-8000-000000004000', 3),
      ('ca7e0000-0000-4000-8000-000000005000', 'kids', 'Kids & baby', null, 5),
      ('ca7e0000-0000-4000-8000-000000005001', 'kids-clothing', 'Kids'' clothing', 'ca7e0000-0000-4000-8000-000000005000', 1),
      ('ca7e0000-0000-4000-8000-000000005002', 'kids-toys', 'Toys & games', 'ca7e0000-0000-4000-8000-000000005000', 2),
      ('ca7e0000-0000-4000-8000-000000005003', 'kids-gear', 'Strollers & gear', 'ca7e0000-0000-4000-8000-000000005000', 3),
      ('ca7e0000-0000-4000-8000-000000006000', 'leisure', 'Sports & leisure', null, 6),
      ('ca7e0000-0000-4000-8000-000000006001', 'leisure-bicycles', 'Bicycles', 'ca7e0000-0000-4000-8000-000000006000', 1),
      ('ca7e0000-0000-4000-8000-000000006002', 'leisure-sports', 'Sports & fitness', 'ca7e0000-0000-4000-8000-000000006000', 2),
      ('ca7e0000-0000-4000-8000-000000006003', 'leisure-books-music', 'Books, music & films', 'ca7e0000-0000-4000-8000-000000006000', 3),
      ('ca7e0000-0000-4000-8000-000000007000', 'other', 'Other', null, 7);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "offers" cascade;`);
    this.addSql(`drop table if exists "favourites" cascade;`);
    this.addSql(`drop table if exists "listings" cascade;`);
    this.addSql(`drop table if exists "categories" cascade;`);
  }

}
