import { ArgsType, Field, Int } from 'type-graphql';

/** Forward pagination arguments every connection takes (`pagination.ts` caps `first`). */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'At most 100; 20 when absent.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}
