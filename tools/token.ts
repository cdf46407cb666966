/**
 * `npm run token -- --role SECTOR_AGENCY --sector MARKET --sub <code> [--region 150100] [--ttl 3600]`
 * prints a token signed with the local development key (.keys/, created on first use), with
 * the development issuer: only a hub with development tokens switched on (DEV_TOKENS=true,
 * `npm start`) accepts it. Production tokens come from the identity provider.
 */
import { parseArgs } from 'node:util';
import { ROLES, SECTORS } from '@credit-hub/schema';
import { DEV_ISSUER, loadAuthEnv, loadOrCreateDevKeys, signCallerToken, type CallerClaims } from '@credit-hub/runtime';

const usage = 'usage: npm run token -- --role ROLE --sub ID [--sector SECTOR] [--region 150100] [--ttl SECONDS]';

function fail(message: string): never {
  console.error(`${message}\n${usage}\n  roles: ${ROLES.filter((role) => role !== 'PUBLIC').join(', ')}\n  sectors: ${SECTORS.join(', ')}`);
  process.exit(2);
}

let values: Record<string, string | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      role: { type: 'string' },
      sector: { type: 'string' },
      sub: { type: 'string' },
      region: { type: 'string' },
      ttl: { type: 'string', default: '3600' },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (process.env.NODE_ENV === 'production') fail('npm run token signs with the development key and is refused in production.');
if (!values.role || !ROLES.includes(values.role as never) || values.role === 'PUBLIC') fail('--role is required (no token is needed for PUBLIC).');
if (!values.sub) fail('--sub is required: the caller\'s credit code or subject id.');
if (values.sector && !SECTORS.includes(values.sector as never)) fail(`unknown sector ${values.sector}`);
const ttl = Number(values.ttl);
if (!Number.isInteger(ttl) || ttl < 1) fail('--ttl must be a positive number of seconds.');
const { maxTokenLifetimeSeconds } = loadAuthEnv('token');
if (ttl > maxTokenLifetimeSeconds) fail(`--ttl must be at most ${maxTokenLifetimeSeconds} s: the hub refuses tokens that live longer (AUTH_MAX_TOKEN_LIFETIME_HOURS).`);

const claims = {
  sub: values.sub,
  role: values.role,
  ...(values.sector ? { sector: values.sector } : {}),
  ...(values.region ? { region: values.region } : {}),
} as CallerClaims;
console.log(await signCallerToken(await loadOrCreateDevKeys(), claims, { ttlSeconds: ttl, issuer: DEV_ISSUER }));
