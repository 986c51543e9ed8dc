export interface GraphQLResult<Data = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: Data | null; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> };
}

/** A real HTTP GraphQL request, as a client would send it. */
export async function postGraphQL<Data = Record<string, unknown>>(
  url: string,
  query: string,
  options: { variables?: Record<string, unknown>; token?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResult<Data>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResult<Data>['body'] };
}

/** The data of a request that must succeed; anything else fails the test with the errors. */
export function dataOf<Data>(result: GraphQLResult<Data>): Data {
  if (result.body.errors || !result.body.data) throw new Error(`unexpected errors: ${JSON.stringify(result.body.errors)}`);
  return result.body.data;
}

export function errorCodes(result: GraphQLResult<unknown>): unknown[] {
  return (result.body.errors ?? []).map((error) => error.extensions?.code);
}

/** Sums a Prometheus counter (all label sets, or those matching `labels`) from a /metrics page. */
export async function readCounter(metricsUrl: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`))) total += Number(line.split(' ').at(-1));
  }
  return total;
}
