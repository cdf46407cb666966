/**
 * The offline playground at /playground (design §1: developers explore the schema with no
 * internet): GraphiQL built from npm packages into playground/dist, the purpose catalogue
 * and the example operations of examples/, and in development a token minting endpoint
 * so the identity panel can act as any caller. Never mints tokens in production.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import { PURPOSES, ROLES, SECTORS } from '@credit-hub/schema';
import { signCallerToken, z, type SigningKeys } from '@credit-hub/runtime';

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
  router.post('/token', express.json(), async (req, res) => {
    if (!options.devSigningKeys) {
      res.status(404).json({ error: 'Tokens are minted only in development.' });
      return;
    }
    const parsed = tokenRequest.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') });
      return;
    }
    res.json({ token: await signCallerToken(options.devSigningKeys, parsed.data, { ttlSeconds: 8 * 3600 }) });
  });
  if (existsSync(`${PLAYGROUND_DIST}index.html`)) {
    router.use(express.static(PLAYGROUND_DIST, { index: 'index.html' }));
  } else {
    router.get('/', (_req, res) => {
      res.status(503).type('text/plain').send('The playground is not built: run `npm run build -w playground`.');
    });
  }
  return router;
}
