// The baseline: stock @apollo/gateway in plain Apollo Server with its default
// RemoteGraphQLDataSource — no tuning, as a team would deploy it from the docs.
// Env: PORT, SUPERGRAPH_PATH (HOST is always 127.0.0.1).
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(process.env.SUPERGRAPH_PATH, 'utf8'),
});
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { host: '127.0.0.1', port: Number(process.env.PORT) },
});
console.log(`apollo-gateway ready at ${url}`);
