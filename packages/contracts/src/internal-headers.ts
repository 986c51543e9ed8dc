/**
 * Headers the router sets on subgraph requests. A client can never set them: the router builds
 * every subgraph request's headers from scratch.
 */
export const InternalHeader = {
  /** The signed caller context (see docs/adr/0002-signed-subgraph-context.md). */
  CONTEXT: 'x-lobby-context',
  /** The request id, also inside the signed context; in the clear for proxies and logs. */
  REQUEST_ID: 'x-request-id',
  /**
   * Marks a router request that asks "may this caller subscribe?": the subgraph runs the
   * subscription field's `subscribe` resolver as the caller and answers errors or nothing.
   */
  SUBSCRIPTION_CHECK: 'x-lobby-subscription-check',
  /**
   * A request one Lobby service makes of another on its own behalf, not a user's (the media
   * worker reporting a job's outcome): signed, bound to the body, naming the calling service.
   */
  SERVICE: 'x-lobby-service',
} as const;
