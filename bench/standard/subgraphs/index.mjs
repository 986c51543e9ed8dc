// The four subgraphs of the standard benchmark: name → SDL + resolvers. Composition and the
// subgraph server both read this list, so they cannot disagree about what exists.
import { readFileSync } from 'node:fs';
import { resolvers as accounts } from './accounts.mjs';
import { resolvers as inventory } from './inventory.mjs';
import { resolvers as products } from './products.mjs';
import { resolvers as reviews } from './reviews.mjs';

const sdl = (name) => readFileSync(new URL(`./${name}.graphql`, import.meta.url), 'utf8');

export const subgraphs = [
  { name: 'accounts', typeDefs: sdl('accounts'), resolvers: accounts },
  { name: 'inventory', typeDefs: sdl('inventory'), resolvers: inventory },
  { name: 'products', typeDefs: sdl('products'), resolvers: products },
  { name: 'reviews', typeDefs: sdl('reviews'), resolvers: reviews },
];
