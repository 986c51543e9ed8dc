import 'reflect-metadata';
import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * Relay's PageInfo, one definition for every subgraph: shareable, so that the buildings and
 * marketplace connections compose into one supergraph type.
 */
@Directive('@shareable')
@ObjectType('PageInfo')
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Whether an earlier page exists, on lists that page backward (before); false on forward-only lists.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor!: string | null;
}

/** Edges and PageInfo for a page whose nodes each have a cursor. */
export function connectionOf<Node>(page: { nodes: Node[]; hasNextPage: boolean }, cursorOf: (node: Node) => string) {
  const edges = page.nodes.map((node) => ({ node, cursor: cursorOf(node) }));
  const pageInfo: PageInfo = {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: false,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
  return { edges, pageInfo };
}
