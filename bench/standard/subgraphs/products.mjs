import { products } from './data.mjs';

export const resolvers = {
  Query: {
    topProducts: (_, { first }) => products.slice(0, first ?? 5),
  },
  Product: {
    __resolveReference: ({ upc }) => products.find((product) => product.upc === upc) ?? null,
  },
};
