import type { EntityManager } from '@mikro-orm/postgresql';
import { Category } from './category.entity.js';
import { inTreeOrder } from './category.tree.js';

/** The whole tree, read at most once per request (one statement), each category right after its parent. */
export function createCategoriesLoader(em: EntityManager): () => Promise<Category[]> {
  let categories: Promise<Category[]> | undefined;
  return () =>
    (categories ??= em.find(Category, {}).then((rows) => {
      const nodes = rows.map((category) => ({ category, id: category.id, parentId: category.parent?.id ?? null, position: category.position }));
      return inTreeOrder(nodes).map((node) => node.category);
    }));
}
