/**
 * The credit graph playground: GraphiQL with an identity panel. Choose who you are (role,
 * sector, subject or agency id) and why you ask (the declared purpose); in development the
 * gateway mints the matching token. Every request carries Authorization and
 * X-Credit-Purpose, so what you see is what that caller would see (design §4-§5).
 */
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import './playground.css';

interface Purpose {
  code: string;
  name: string;
  legalBasis: string;
  roles: string[];
  sectors?: string[];
}

interface Identity {
  role: string;
  sector?: string;
  sub?: string;
  purpose?: string;
}

interface Example {
  id: string;
  name: string;
  description: string;
  query: string;
  variables: string;
  identity: Identity;
}

interface Config {
  roles: string[];
  sectors: string[];
  purposes: Purpose[];
  examples: Example[];
  devTokens: boolean;
}

function mayDeclare(purpose: Purpose, identity: Identity): boolean {
  if (!purpose.roles.includes(identity.role)) return false;
  if (identity.role === 'SECTOR_AGENCY' && purpose.sectors) return !!identity.sector && purpose.sectors.includes(identity.sector);
  return true;
}

function Playground({ config }: { config: Config }) {
  const [identity, setIdentity] = useState<Identity>(config.examples[0]?.identity ?? { role: 'PUBLIC' });
  const [example, setExample] = useState<Example | undefined>(config.examples[0]);
  const [token, setToken] = useState<string>('');
  const [status, setStatus] = useState<string>('');
  const purposes = config.purposes.filter((purpose) => mayDeclare(purpose, identity));

  // The token for the identity now chosen, settled or on its way: every request waits for
  // it, so nothing (the first schema request included) leaves with a purpose but no token.
  const settledToken = useRef<Promise<string>>(Promise.resolve(''));
  const pastedToken = useRef('');
  pastedToken.current = token;

  // A new identity gets a new token (development only; production tokens are pasted).
  useEffect(() => {
    if (identity.role === 'PUBLIC') {
      setToken('');
      settledToken.current = Promise.resolve('');
      setStatus('No token: the public (PUBLIC_QUERY).');
      return;
    }
    if (!config.devTokens) {
      settledToken.current = Promise.resolve(pastedToken.current);
      setStatus('Paste a token issued by your identity provider.');
      return;
    }
    if (!identity.sub) {
      setToken('');
      settledToken.current = Promise.resolve('');
      setStatus('Enter the subject or agency id to mint a token.');
      return;
    }
    let cancelled = false;
    setStatus('Minting a development token…');
    settledToken.current = fetch('./token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: identity.role, sector: identity.sector, sub: identity.sub }),
    })
      .then(async (response) => {
        const body = (await response.json()) as { token?: string; error?: string };
        if (!cancelled) {
          setToken(body.token ?? '');
          setStatus(
            body.token
              ? `Development token for ${identity.role}${identity.sector ? ` ${identity.sector}` : ''} ${identity.sub}.`
              : (body.error ?? 'No token.'),
          );
        }
        return body.token ?? '';
      })
      .catch((error: Error) => {
        if (!cancelled) setStatus(error.message);
        return '';
      });
    return () => {
      cancelled = true;
    };
  }, [identity.role, identity.sector, identity.sub, config.devTokens]);

  const purposeHeader = identity.role !== 'PUBLIC' ? identity.purpose : undefined;
  const fetcher = useMemo(
    () => async (params: unknown) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const current = config.devTokens ? await settledToken.current : pastedToken.current;
      if (current) headers.authorization = `Bearer ${current}`;
      // A purpose travels only with the token that may declare it.
      if (purposeHeader && current) headers['x-credit-purpose'] = purposeHeader;
      const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(params) });
      return response.json();
    },
    [purposeHeader, config.devTokens],
  );

  const update = (patch: Partial<Identity>) => setIdentity((current) => ({ ...current, ...patch }));
  const chooseExample = (id: string) => {
    const chosen = config.examples.find((entry) => entry.id === id);
    setExample(chosen);
    if (chosen) setIdentity(chosen.identity);
  };

  return (
    <div className="playground">
      <header className="identity" aria-label="Identity">
        <strong>信用图谱 · Credit graph</strong>
        <label>
          Example
          <select data-testid="example" value={example?.id ?? ''} onChange={(event) => chooseExample(event.target.value)}>
            {config.examples.map((entry) => (
              <option key={entry.id} value={entry.id} title={entry.description}>
                {entry.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Role
          <select data-testid="role" value={identity.role} onChange={(event) => update({ role: event.target.value, purpose: undefined })}>
            {config.roles.map((role) => (
              <option key={role}>{role}</option>
            ))}
          </select>
        </label>
        <label>
          Sector
          <select
            data-testid="sector"
            value={identity.sector ?? ''}
            disabled={identity.role !== 'SECTOR_AGENCY'}
            onChange={(event) => update({ sector: event.target.value || undefined, purpose: undefined })}
          >
            <option value="">—</option>
            {config.sectors.map((sector) => (
              <option key={sector}>{sector}</option>
            ))}
          </select>
        </label>
        <label>
          Subject / agency id
          <input
            data-testid="sub"
            value={identity.sub ?? ''}
            disabled={identity.role === 'PUBLIC'}
            placeholder="credit code or subject id"
            onChange={(event) => update({ sub: event.target.value.trim() || undefined })}
          />
        </label>
        <label>
          Purpose
          <select
            data-testid="purpose"
            value={identity.purpose ?? ''}
            disabled={identity.role === 'PUBLIC'}
            onChange={(event) => update({ purpose: event.target.value || undefined })}
          >
            <option value="">{identity.role === 'CREDIT_SUBJECT' ? 'SELF_QUERY (implied)' : '— choose —'}</option>
            {purposes.map((purpose) => (
              <option key={purpose.code} value={purpose.code} title={`${purpose.legalBasis}`}>
                {purpose.code} {purpose.name}
              </option>
            ))}
          </select>
        </label>
        {!config.devTokens && identity.role !== 'PUBLIC' && (
          <label>
            Token
            <input data-testid="token" value={token} onChange={(event) => setToken(event.target.value.trim())} />
          </label>
        )}
        <span className="status" data-testid="status">
          {status}
        </span>
      </header>
      <main className="graphiql">
        <GraphiQL
          key={example?.id ?? 'blank'}
          fetcher={fetcher as never}
          query={example?.query}
          variables={example?.variables}
          defaultEditorToolsVisibility="variables"
          isHeadersEditorEnabled={false}
        />
      </main>
    </div>
  );
}

async function main() {
  const root = createRoot(document.getElementById('root')!);
  try {
    const config = (await (await fetch('./config.json')).json()) as Config;
    root.render(<Playground config={config} />);
  } catch (error) {
    root.render(<p>Could not load the playground configuration: {(error as Error).message}</p>);
  }
}

void main();
