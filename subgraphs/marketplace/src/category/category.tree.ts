/** The category tree in memory: small (tens of rows), read once per request. */
export interface CategoryNode {
  id: string;
  parentId: string | null;
  position: number;
}

/** `id` and every category below it, for a filter that includes subcategories; null for an unknown id. */
export function subtreeIds(categories: readonly CategoryNode[], id: string): string[] | null {
  if (!categories.some((category) => category.id === id)) return null;
  const ids = [id];
  // Breadth-first over the children; `ids` grows while it is walked.
  for (let index = 0; index < ids.length; index += 1) {
    for (const category of categories) if (category.parentId === ids[index] && !ids.includes(category.id)) ids.push(category.id);
  }
  return ids;
}

/** Depth-first, siblings by position: every category right after its parent. */
export function inTreeOrder<Node extends CategoryNode>(categories: readonly Node[]): Node[] {
  const bySibling = (a: Node, b: Node) => a.position - b.position || a.id.localeCompare(b.id);
  const ordered: Node[] = [];
  const visit = (parentId: string | null) => {
    for (const category of categories.filter((candidate) => candidate.parentId === parentId).sort(bySibling)) {
      ordered.push(category);
      visit(category.id);
    }
  };
  visit(null);
  return ordered;
}
