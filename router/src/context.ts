import type { CallerContext } from '@lobby/platform';

/** Per operation: who is asking. Subgraph requests carry it, signed. */
export interface RouterContext {
  caller: CallerContext;
}
