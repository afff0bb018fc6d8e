export interface GraphqlResponse<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** POSTs a GraphQL request and returns the parsed body (errors included). */
export async function graphql<T>(url: string, query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GraphqlResponse<T>;
}
