import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { DEFAULT_ACCENT_COLOR } from './building.rules.js';

/** A building: the tenant every resident, listing and post belongs to. Its directory entry is public. */
@Entity({ tableName: 'buildings' })
export class Building {
  [OptionalProps]?: 'id' | 'createdAt' | 'accentColor' | 'logoMediaId';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  name!: string;

  /** Lower-case `[a-z0-9-]`, 3–60; unique. The directory is ordered by it. */
  @Property({ type: 'text', unique: true })
  slug!: string;

  @Property({ type: 'text' })
  address!: string;

  @Property({ type: 'text' })
  city!: string;

  /** ISO 3166-1 alpha-2. */
  @Property({ type: 'text' })
  country!: string;

  /** Branding: `#rrggbb`. */
  @Property({ type: 'text' })
  accentColor: string = DEFAULT_ACCENT_COLOR;

  /** Branding: a media id (the media subgraph owns the image). */
  @Property({ type: 'uuid', nullable: true })
  logoMediaId: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
