import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class CreateBuildingInput {
  @Field(() => String, { description: '1 to 100 characters.' })
  name!: string;

  @Field(() => String, { description: '3 to 60 lower-case letters, digits and single hyphens; unique.' })
  slug!: string;

  @Field(() => String, { description: '1 to 200 characters.' })
  address!: string;

  @Field(() => String, { description: '1 to 100 characters.' })
  city!: string;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2 code, such as DE or VN.' })
  country!: string;
}

@InputType()
export class UpdateBrandingInput {
  @Field(() => String, { nullable: true, description: '`#rrggbb`; left as it is when absent.' })
  accentColor?: string | null;

  @Field(() => ID, { nullable: true, description: 'Left as it is when absent; null removes the logo.' })
  logoMediaId?: string | null;
}

@ArgsType()
export class BuildingLookupArgs {
  @Field(() => ID, { nullable: true })
  id?: string | null;

  @Field(() => String, { nullable: true, description: 'Any case.' })
  slug?: string | null;
}

@ArgsType()
export class DirectoryArgs {
  @Field(() => String, { nullable: true, description: 'A part of the name or city, any case; at most 100 characters.' })
  search?: string | null;

  @Field(() => Int, { nullable: true, description: 'At most 100; 20 when absent.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

@ArgsType()
export class UpdateBrandingArgs {
  @Field(() => ID)
  buildingId!: string;

  @Field(() => UpdateBrandingInput)
  input!: UpdateBrandingInput;
}
