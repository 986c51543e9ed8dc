import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A node of the category tree (two levels today). The tree is reference data: migrations seed
 * and change it, no API writes it. Ids are fixed, so seeds, tests and clients can name them.
 */
@Entity({ tableName: 'categories' })
export class Category {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Lower-case, hyphenated, unique: `electronics`, `electronics-phones`. */
  @Property({ type: 'text', unique: true })
  slug!: string;

  /** English display name; clients translate by slug. */
  @Property({ type: 'text' })
  name!: string;

  @ManyToOne(() => Category, { nullable: true, deleteRule: 'restrict' })
  parent!: Category | null;

  /** Order among its siblings. */
  @Property({ type: 'integer' })
  position!: number;
}
