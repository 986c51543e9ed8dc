import { describe, expect, it } from 'vitest';
import { inTreeOrder, subtreeIds } from './category.tree.js';

const tree = [
  { id: 'phones', parentId: 'electronics', position: 1 },
  { id: 'furniture', parentId: null, position: 2 },
  { id: 'electronics', parentId: null, position: 1 },
  { id: 'cases', parentId: 'phones', position: 1 },
  { id: 'computers', parentId: 'electronics', position: 2 },
  { id: 'chairs', parentId: 'furniture', position: 1 },
];

describe('the category tree', () => {
  it('finds a category with everything below it', () => {
    expect(subtreeIds(tree, 'electronics')?.sort()).toEqual(['cases', 'computers', 'electronics', 'phones']);
    expect(subtreeIds(tree, 'chairs')).toEqual(['chairs']);
    expect(subtreeIds(tree, 'unknown')).toBeNull();
  });

  it('orders every category right after its parent, siblings by position', () => {
    expect(inTreeOrder(tree).map((node) => node.id)).toEqual(['electronics', 'phones', 'cases', 'computers', 'furniture', 'chairs']);
  });
});
