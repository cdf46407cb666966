/**
 * The offline playground at /playground (design §1: developers explore the schema with no
 * internet): GraphiQL built from npm packages into playground/dist, the purpose catalogue
 * and the example operations of examples/, and, only where development tokens are switched
 * on (DEV_TOKENS=true), a token minting endpoint for loopback clients so the identity panel
 * can act as any caller. Its tokens carry the development issuer, which a production
 * configuration refuses (design §4).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isIP } from 'node:net';
import express, { type Request, type Router } from 'express';
import { PURPOSES, ROLES, SECTORS } from '@credit-hub/schema';
import { DEV_ISSUER, signCallerToken, z, type SigningKeys } from '@credit-hub/runtime';

export const PLAYGROUND_DIST = fileURLToPath(new URL('../playground/dist/', import.meta.url));
export const EXAMPLES_DIR = fileURLToPath(new URL('../examples/', import.meta.url));

export interface ExampleOperation {
  id: string;
  name: string;
  description: string;
  query: string;
  /** JSON text of the variables. */
  variables: string;
  identity: { role: string; sector?: string; sub?: string; purpose?: string };
}

/** Example operations: .graphql files whose leading `# key: value` lines say who runs them. */
export function loadExamples(dir = EXAMPLES_DIR): ExampleOperation[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => {
      const text = readFileSync(`${dir}${file}`, 'utf8');
      const meta: Record<string, string> = {};
      for (const line of text.split('\n')) {
        const match = /^#\s*([a-z-]+):\s*(.*)$/.exec(line);
        if (!match) break;
        meta[match[1]!] = match[2]!.trim();
      }
      const variables = meta['variables-file'] ? readFileSync(`${dir}${meta['variables-file']}`, 'utf8') : (meta.variables ?? '{}');
      return {
        id: file.replace(/\.graphql$/, ''),
        name: meta.name ?? file,
        description: meta.description ?? '',
        query: text.split('\n').filter((line) => !line.startsWith('#')).join('\n').trim(),
        variables: JSON.stringify(JSON.parse(variables), null, 2),
        identity: { role: meta.role ?? 'PUBLIC', sector: meta.sector, sub: meta.sub, purpose: meta.purpose },
      };
    });
}

const tokenRequest = z.object({
  role: z.enum(ROLES).exclude(['PUBLIC']),
  sector: z.enum(SECTORS).optional(),
  sub: z.string().min(1).max(64),
  region: z.string().regex(/^\d{6}$/).optional(),
});

/** Lifetime of a playground token: a working day, within the verifiers' maximum. */
export const PLAYGROUND_TOKEN_TTL_SECONDS = 8 * 3600;

const isLoopbackAddress = (address: string | undefined) =>
  address !== undefined && (address === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(address));

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A client on this machine, asking this machine: the socket's peer is a loopback address, no
 * proxy stands between (a local reverse proxy would make every client look local), and the
 * Host is a loopback name (a web page cannot reach the route by DNS rebinding).
 */
export function isLoopbackClient(req: Request): boolean {
  if (req.header('x-forwarded-for') || req.header('forwarded')) return false;
  const host = (req.header('host') ?? '').replace(/:\d+$/, '').toLowerCase();
  const hostIsLoopback = LOOPBACK_HOSTS.has(host) || (isIP(host) === 4 && isLoopbackAddress(host));
  return hostIsLoopback && isLoopbackAddress(req.socket.remoteAddress);
}

export function playgroundRouter(options: { devSigningKeys?: SigningKeys }): Router {
  const router = express.Router();
  const examples = loadExamples();
  router.get('/config.json', (_req, res) => {
    res.json({
      roles: ROLES,
      sectors: SECTORS,
      purposes: PURPOSES,
      examples,
      devTokens: options.devSigningKeys !== undefined,
    });
  });
  // The route exists only where development tokens are switched on: elsewhere it is a plain 404.
  const devSigningKeys = options.devSigningKeys;
  if (devSigningKeys) {
    router.post('/token', (req, res, next) => {
      if (isLoopbackClient(req)) return next();
      res.status(403).json({ error: 'Development tokens are minted for clients on this machine only.' });
    }, express.json(), async (req, res) => {
      const parsed = tokenRequest.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).json({ error: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') });
        return;
      }
      res.json({ token: await signCallerToken(devSigningKeys, parsed.data, { ttlSeconds: PLAYGROUND_TOKEN_TTL_SECONDS, issuer: DEV_ISSUER }) });
    });
  }
  if (existsSync(`${PLAYGROUND_DIST}index.html`)) {
    router.use(express.static(PLAYGROUND_DIST, { index: 'index.html' }));
  } else {
    router.get('/', (_req, res) => {
      res.status(503).type('text/plain').send('The playground is not built: run `npm run build -w playground`.');
    });
  }
  return router;
}
