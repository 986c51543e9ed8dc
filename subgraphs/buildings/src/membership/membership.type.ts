import { PageInfo } from '@lobby/platform';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { Membership } from './membership.entity.js';
import { MembershipRole, MembershipStatus } from './membership.rules.js';

registerEnumType(MembershipStatus, {
  name: 'MembershipStatus',
  description: 'PENDING → ACTIVE or REJECTED; ACTIVE → LEFT or REMOVED. An ended membership can be requested again.',
});
registerEnumType(MembershipRole, { name: 'MembershipRole' });

/** A user's standing in a building. `building` and `user` are resolved by field resolvers. */
@ObjectType('Membership')
export class MembershipType {
  @Field(() => ID)
  id!: string;

  @Field(() => MembershipStatus)
  status!: MembershipStatus;

  @Field(() => MembershipRole)
  role!: MembershipRole;

  @Field(() => Date, { description: 'When the user last asked to join.' })
  requestedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the membership last became ACTIVE; null if it never did.' })
  joinedAt!: Date | null;
}

@ObjectType('MembershipEdge')
export class MembershipEdge {
  @Field(() => MembershipType)
  node!: Membership;

  @Field(() => String)
  cursor!: string;
}

@ObjectType('MembershipConnection')
export class MembershipConnection {
  @Field(() => [MembershipEdge])
  edges!: MembershipEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
