import { users } from './data.mjs';

const byId = (id) => users.find((user) => user.id === id) ?? null;

export const resolvers = {
  Query: {
    me: () => users[0],
    user: (_, { id }) => byId(id),
    users: () => users,
  },
  User: {
    __resolveReference: ({ id }) => byId(id),
  },
};
