import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { MarketplaceContext } from '../context.js';
import { isUuid } from '@lobby/platform';
import type { Category } from './category.entity.js';
import { CategoryType } from './category.type.js';

@Resolver(() => CategoryType)
export class CategoryResolver {
  @Query(() => [CategoryType], { description: 'Every category, each right after its parent, siblings in display order.' })
  categories(@Ctx() { categories }: MarketplaceContext): Promise<Category[]> {
    return categories();
  }

  @Query(() => CategoryType, { nullable: true, description: 'null for an unknown id.' })
  async category(@Arg('id', () => ID) id: string, @Ctx() { categories }: MarketplaceContext): Promise<Category | null> {
    if (!isUuid(id)) return null;
    return (await categories()).find((category) => category.id === id.toLowerCase()) ?? null;
  }

  @FieldResolver(() => CategoryType, { nullable: true, description: 'null for a top-level category.' })
  async parent(@Root() category: Category, @Ctx() { categories }: MarketplaceContext): Promise<Category | null> {
    const parentId = category.parent?.id;
    return parentId ? ((await categories()).find((candidate) => candidate.id === parentId) ?? null) : null;
  }

  @FieldResolver(() => [CategoryType])
  async children(@Root() category: Category, @Ctx() { categories }: MarketplaceContext): Promise<Category[]> {
    return (await categories()).filter((candidate) => candidate.parent?.id === category.id);
  }
}
