import { PageInfo } from '@lobby/platform';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { Building } from './building.entity.js';

/** A building's directory entry: public to everyone, signed in or not. Other subgraphs reference it by `id`. */
@Directive('@key(fields: "id")')
@ObjectType('Building')
export class BuildingType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Unique; lower-case letters, digits and hyphens, 3–60 characters.' })
  slug!: string;

  @Field(() => String)
  address!: string;

  @Field(() => String)
  city!: string;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2 code, such as DE or VN.' })
  country!: string;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType('BuildingBranding')
export class BrandingType {
  @Field(() => String, { description: '`#rrggbb`.' })
  accentColor!: string;

  @Field(() => ID, { nullable: true, description: "The logo's media id; null when the building has none." })
  logoMediaId!: string | null;
}

@ObjectType('BuildingEdge')
export class BuildingEdge {
  @Field(() => BuildingType)
  node!: Building;

  @Field(() => String)
  cursor!: string;
}

@ObjectType('BuildingConnection')
export class BuildingConnection {
  @Field(() => [BuildingEdge])
  edges!: BuildingEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
