/**
 * The gateway: Apollo Gateway over the checked-in supergraph, inside Apollo Server 5 on
 * express. It forwards the caller's identity, declared purpose and request id to every
 * subgraph; the subgraphs enforce the policy themselves (design §4).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { errors, SUPERGRAPH_PATH, type SubgraphName } from '@credit-hub/schema';
import {
  acceptedRequestReference,
  createCallerVerifier,
  createRateLimiter,
  DEFAULT_HTTP_KEEP_ALIVE_TIMEOUT_MS,
  DEFAULT_OPERATION_LIMITS,
  DEFAULT_RATE_LIMITS,
  operationLimitsPlugin,
  tokenLimit,
  hubRequestHeaders,
  identifyRequest,
  loadAuthEnv,
  loadOrCreateDevKeys,
  logger,
  serverTimeouts,
  verificationKeys,
  verifierSettings,
  type CallerVerifier,
  type OperationLimits,
  type RateLimits,
  type SigningKeys,
} from '@credit-hub/runtime';
import type { Role } from '@credit-hub/schema';
import { GraphQLError } from 'graphql';
import { loadGatewayEnv } from './env.js';
import { playgroundRouter } from './playground.js';
import { checkSubgraphs } from './readiness.js';
import { reportRouter } from './report.js';
import {
  DEFAULT_SUBGRAPH_KEEP_ALIVE_MS,
  DEFAULT_SUBGRAPH_TIMEOUT_MS,
  subgraphConnections,
  type SubgraphFetcher,
} from './subgraph-fetch.js';


export interface GatewayContext {
  /** The id the hub generated for this request: forwarded to the subgraphs and logged. */
  requestId: string;
  /** The caller's own X-Request-Id, when in a safe form: a reference kept beside ours, never the key. */
  clientRequestId?: string;
  /** What the subgraphs are sent: the caller's token and purpose, the hub's signed request id. */
  headers: Record<string, string | undefined>;
  /** The verified caller's role: its cost budget (operation-limits.ts). */
  role: Role;
}

export interface GatewayOptions {
  port?: number;
  host?: string;
  /** Replaces the subgraph URLs written in the supergraph (tests run subgraphs on port 0). */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  supergraphSdl?: string;
  /** Verifies callers with the same public keys the subgraphs use. */
  verifyCaller: CallerVerifier;
  /** false only for the benchmark's side-by-side baseline. */
  enforce?: boolean;
  /** Signs the request ids the gateway generates, so the subgraphs key their rows with them (request-ids.ts). */
  requestIdSecret?: string;
  /** Only where development tokens are switched on (DEV_TOKENS=true): the playground mints tokens for loopback clients. */
  devSigningKeys?: SigningKeys;
  /** Depth, aliases, tokens, directives and cost per role (Art. 41); the defaults when absent. */
  limits?: OperationLimits;
  /** Requests per caller and per public client address; the defaults when absent. */
  rateLimits?: RateLimits;
  /** The deadline of one subgraph fetch (SUBGRAPH_TIMEOUT_MS, default 10 s). */
  subgraphTimeoutMs?: number;
  /** How long an idle connection to a subgraph is kept (SUBGRAPH_KEEP_ALIVE_MS, default 4 s). */
  subgraphKeepAliveMs?: number;
  /** Idle keep-alive of the gateway's own HTTP server (HTTP_KEEP_ALIVE_TIMEOUT_MS, default 65 s). */
  keepAliveTimeoutMs?: number;
}

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Subgraph name → URL, as written in the supergraph's join__Graph enum, with overrides applied. */
export function subgraphUrlsOf(supergraphSdl: string, overrides: Partial<Record<SubgraphName, string>> = {}) {
  const urls: Record<string, string> = {};
  for (const match of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) {
    urls[match[1]!] = overrides[match[1] as SubgraphName] ?? match[2]!;
  }
  return urls;
}

class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly serviceName: string,
    url: string,
    fetcher: SubgraphFetcher,
  ) {
    // Deadlines, connection reuse and the one retry: subgraph-fetch.ts.
    super({ url, fetcher });
  }

  /**
   * A subgraph that is down or failing costs only its own fields: the rest of the response
   * still arrives, with an error naming the service (design §8). The network detail goes
   * to the log, not to the caller.
   */
  override didEncounterError(error: Error): never {
    // A subgraph's own coded refusal (e.g. UNAUTHENTICATED on a direct check) passes through.
    const refusal = (error as { extensions?: { response?: { body?: { errors?: Array<{ message: string; extensions?: object }> } } } })
      .extensions?.response?.body?.errors?.[0];
    if (refusal?.extensions && 'code' in refusal.extensions) {
      throw new GraphQLError(refusal.message, { extensions: { ...refusal.extensions, serviceName: this.serviceName } });
    }
    const timedOut = error.name === 'TimeoutError';
    logger.warn({ serviceName: this.serviceName, err: error }, timedOut ? 'subgraph did not answer before the deadline' : 'subgraph request failed');
    throw errors.subgraphUnavailable(this.serviceName);
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    for (const [name, value] of Object.entries(context.headers ?? {}) as Array<[string, string | undefined]>) {
      if (value) request.http?.headers.set(name, value);
    }
  }
}

/**
 * Nothing about the hub's traffic leaves the machine: Apollo Gateway would otherwise send
 * usage metrics to Apollo, and the cloud resource detectors it loads would probe cloud
 * metadata addresses. Credit information exchange stays inside government networks.
 */
export function disableOutboundTelemetry(): void {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  process.env.METADATA_SERVER_DETECTION = 'none';
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  disableOutboundTelemetry();
  const supergraphSdl = options.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8');
  const urls = subgraphUrlsOf(supergraphSdl, options.subgraphUrls);
  const log = logger.child({ component: 'gateway' });
  const connections = subgraphConnections({
    timeoutMs: options.subgraphTimeoutMs ?? DEFAULT_SUBGRAPH_TIMEOUT_MS,
    keepAliveMs: options.subgraphKeepAliveMs ?? DEFAULT_SUBGRAPH_KEEP_ALIVE_MS,
  });

  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new ForwardingDataSource(name, urls[name] ?? url ?? '', connections.fetcherFor(name)),
  });
  const app = express();
  const httpServer = createServer(app);
  Object.assign(httpServer, serverTimeouts(options.keepAliveTimeoutMs ?? DEFAULT_HTTP_KEEP_ALIVE_TIMEOUT_MS));
  let url = '';
  const limits = options.limits ?? DEFAULT_OPERATION_LIMITS;
  const rateLimiter = createRateLimiter(options.rateLimits ?? DEFAULT_RATE_LIMITS);
  // The report route asks /graphql for the caller on the caller's headers: counted once, on /report.
  const internalToken = randomBytes(24).toString('base64url');
  const enforced = options.enforce !== false;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Apollo's landing page loads from a CDN; the playground at /playground works offline.
    // Limits before planning (Art. 41): nothing is fetched for a refused operation.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ...(enforced ? [operationLimitsPlugin<GatewayContext>(limits, (context) => context.role)] : []),
    ],
    parseOptions: { maxTokens: limits.maxTokens },
    includeStacktraceInErrorResponses: process.env.NODE_ENV === 'development',
    stopOnTerminationSignals: false, // the process that runs it decides the shutdown order
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/', (_req, res) => res.redirect('/playground/'));
  app.use('/playground', playgroundRouter({ devSigningKeys: options.devSigningKeys }));
  app.use('/report', async (req, res, next) => {
    if (!enforced) return next();
    try {
      const identity = await identifyRequest(options.verifyCaller, { authorization: req.header('authorization'), purpose: req.header('x-credit-purpose') });
      await rateLimiter.take(identity.caller, req.socket.remoteAddress);
    } catch (error) {
      const status = (error as GraphQLError).extensions?.http as { status?: number; headers?: Map<string, string> } | undefined;
      if (status?.status === 429) {
        res.status(429).set('retry-after', status.headers?.get('retry-after') ?? '1').type('text/plain').send(`LIMIT_EXCEEDED: ${(error as Error).message}`);
        return;
      }
    }
    next(); // other refusals are the report's own to answer
  });
  app.use('/report', reportRouter(() => url, { 'x-hub-internal': internalToken }));
  app.get('/readyz', async (_req, res) => {
    const report = await checkSubgraphs(urls);
    res.status(report.ready ? 200 : 503).json(report);
  });
  app.use(
    '/graphql',
    express.json({ limit: '2mb' }),
    ...(enforced ? [tokenLimit(limits)] : []),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        // The hub's own id keys the request everywhere; the caller's is only a bounded reference (design §4).
        const requestId = randomUUID();
        const clientRequestId = acceptedRequestReference(req.header('x-request-id'));
        res.setHeader('x-request-id', requestId);
        if (clientRequestId) res.setHeader('x-client-request-id', clientRequestId);
        log.info({ requestId, clientRequestId }, 'request');
        // Early rejection only: the subgraphs check the same again and enforce every field.
        let role: Role = 'PUBLIC';
        if (enforced) {
          const identity = await identifyRequest(options.verifyCaller, {
            authorization: req.header('authorization'),
            purpose: req.header('x-credit-purpose'),
          });
          role = identity.caller.role;
          if (req.header('x-hub-internal') !== internalToken) await rateLimiter.take(identity.caller, req.socket.remoteAddress);
        }
        return {
          requestId,
          clientRequestId,
          role,
          headers: {
            authorization: req.header('authorization'),
            'x-credit-purpose': req.header('x-credit-purpose'),
            ...hubRequestHeaders(options.requestIdSecret, requestId, clientRequestId),
          },
        };
      },
    }),
  );

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => httpServer.listen(options.port ?? 0, host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  url = `http://${host}:${port}/graphql`;
  log.info({ url }, 'gateway listening');
  return {
    url,
    port,
    stop: async () => {
      await apollo.stop();
      await connections.close();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const env = loadGatewayEnv();
  const auth = loadAuthEnv('gateway');
  const verifyCaller = createCallerVerifier({ keys: await verificationKeys(auth), ...verifierSettings(auth) });
  if (auth.devTokens) logger.warn('DEV_TOKENS=true: the playground mints development tokens for loopback clients; never in production');
  await startGateway({
    port: env.port,
    host: env.host,
    subgraphUrls: env.subgraphUrls,
    subgraphTimeoutMs: env.subgraphTimeoutMs,
    subgraphKeepAliveMs: env.subgraphKeepAliveMs,
    keepAliveTimeoutMs: env.keepAliveTimeoutMs,
    verifyCaller,
    requestIdSecret: auth.requestIdSecret,
    devSigningKeys: auth.devTokens ? await loadOrCreateDevKeys() : undefined,
  });
}
