/** Headers every subgraph needs to enforce the policy on its own (design §4): the gateway and the report routes forward them. */
export const FORWARDED_HEADERS = ['authorization', 'x-credit-purpose', 'x-request-id'] as const;
