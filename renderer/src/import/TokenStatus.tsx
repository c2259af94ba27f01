// Whether the core holds a token for a live source, and (in the desktop app) a write-only field to store
// one in the system keychain with the site it belongs to (the only host the core will ever send it to). The
// token is sent once to the core and never read back or kept here.
import { useEffect, useState } from 'react';
import { CREDENTIAL_ENV } from '../../../shared/contract/contract.ts';
import { getClient } from '../common/client.ts';
import { errorMessage } from '../common/format.ts';

type Status = { source: 'keychain' | 'environment' | 'none'; jira: boolean; github: boolean; sites: { jira: string | null; github: string | null } };

/** `site`: the Jira site or GitHub API URL typed in the form, stored with the token. */
export function TokenStatus({ service, site }: { service: 'jira' | 'github'; site?: string }) {
  const [status, setStatus] = useState<Status | null>(null);
  const [secret, setSecret] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    getClient()
      .credentialStatus({})
      .then((s) => live && setStatus(s))
      .catch((e: unknown) => live && setMessage(errorMessage(e)));
    return () => {
      live = false;
    };
  }, []);

  const store = async (value: string | null) => {
    setMessage(null);
    try {
      await getClient().setCredential({ service, secret: value, ...(value !== null && site ? { site } : {}) });
      setStatus(await getClient().credentialStatus({}));
      setSecret('');
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };

  if (!status) return message ? <p className="token-status token-status--missing">{message}</p> : null;
  const has = status[service];
  return (
    <div className="token-status" data-testid="token-status" data-has-token={has}>
      {has ? (
        <span className="token-status--ok">
          ✓ {service === 'jira' ? 'Jira' : 'GitHub'} token {status.source === 'keychain' ? 'stored in the system keychain' : 'found in the environment'}
          {status.sites[service] ? `, sent only to ${status.sites[service]}` : ', bound to no site yet (it is sent nowhere)'}
        </span>
      ) : status.source === 'keychain' ? (
        <span className="token-status--missing">
          No {service === 'jira' ? 'Jira' : 'GitHub'} token yet: it is kept encrypted in the system keychain, never in the workspace.
        </span>
      ) : (
        <span className="token-status--missing">
          No {service === 'jira' ? 'Jira' : 'GitHub'} token: start <code>vsm serve</code> with {CREDENTIAL_ENV[service]} set in its environment.
        </span>
      )}
      {status.source === 'keychain' && (
        <div className="token-status__row">
          <input
            type="password"
            autoComplete="off"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            placeholder={has ? 'Replace the token' : 'Paste the token'}
            aria-label="Token"
          />
          <button type="button" className="button" disabled={secret.trim() === ''} onClick={() => void store(secret)}>
            Save token
          </button>
          {has && (
            <button type="button" className="button" onClick={() => void store(null)}>
              Forget
            </button>
          )}
        </div>
      )}
      {message && <p className="token-status--missing">{message}</p>}
    </div>
  );
}
