import type { ApolloServerPlugin } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { ErrorCode } from '@lobby/contracts';
import { GraphQLError } from 'graphql';
import type { RouterContext } from '../context.js';
import type { TrustedDocuments } from './manifest.js';

// Apollo Server prefixes every persisted-query key with this.
const APQ_PREFIX = 'apq:';

/** In trusted-documents mode the manifest is the persisted-query store: clients may send only the hash. Nothing registers. */
export class TrustedDocumentCache implements KeyValueCache<string> {
  constructor(private readonly documents: TrustedDocuments) {}

  async get(key: string): Promise<string | undefined> {
    return this.documents.get(key.startsWith(APQ_PREFIX) ? key.slice(APQ_PREFIX.length) : key);
  }

  async set(): Promise<void> {}

  async delete(): Promise<void> {}
}

/** Refuses any operation not in the manifest, whether it came as a hash or as full text. */
export function trustedDocumentsPlugin(documents: TrustedDocuments): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ queryHash }) {
          if (!documents.has(queryHash)) {
            throw new GraphQLError('This server only runs operations from its registered list.', {
              extensions: { code: ErrorCode.PERSISTED_QUERY_NOT_IN_LIST, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
