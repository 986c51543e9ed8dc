import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Building } from '../building/building.entity.js';
import { MembershipRole, MembershipStatus } from './membership.rules.js';

/**
 * One row per (building, user): asking again after a rejection, leaving or removal reopens the
 * same row as PENDING, so a user never has two live memberships of one building.
 */
@Entity({ tableName: 'memberships' })
@Unique({ properties: ['building', 'userId'] })
// memberCount, members and pendingRequests read a building's memberships of one status.
@Index({ properties: ['building', 'status'] })
export class Membership {
  [OptionalProps]?: 'id' | 'requestedAt' | 'joinedAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Building, { deleteRule: 'cascade' })
  building!: Building;

  /** The identity subgraph's user id; users live there, never here. */
  @Property({ type: 'uuid', index: true })
  userId!: string;

  @Enum({ items: () => MembershipStatus, type: 'text' })
  status!: MembershipStatus;

  @Enum({ items: () => MembershipRole, type: 'text' })
  role!: MembershipRole;

  /** When the user last asked to join (the creator: when the building was created). */
  @Property({ type: 'timestamptz' })
  requestedAt: Date = new Date();

  /** When the membership last became ACTIVE; members are listed in this order. */
  @Property({ type: 'timestamptz', nullable: true })
  joinedAt: Date | null = null;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
