import { REVIEW_AUTHOR, REVIEWS_OF_ANY_USER, reviews } from './data.mjs';

export const resolvers = {
  Review: {
    __resolveReference: ({ id }) => reviews.find((review) => review.id === id) ?? null,
    product: (review) => ({ upc: review.productUpc }),
    // @provides(fields: "username"): the gateway takes username from here, not from accounts.
    author: () => REVIEW_AUTHOR,
  },
  User: {
    __resolveReference: ({ id }) => ({ id }),
    reviews: () => REVIEWS_OF_ANY_USER,
  },
  Product: {
    __resolveReference: ({ upc }) => ({ upc }),
    reviews: (product) => reviews.filter((review) => review.productUpc === product.upc),
  },
};
