// Tokens for live imports, seen from the contract: whether one is there, and a write-only way to store or
// remove one. Nothing here ever returns a token; reading one is the importers' business, in this process.
import { CREDENTIAL_ENV } from '../../contract/contract.ts';
import { FlowmapError } from '../../domain/errors.ts';
import type { CoreContext } from '../context.ts';
import { DEFAULT_GITHUB_API, siteOrigin } from '../credential-site.ts';
import type { MethodImpls } from '../method-impls.ts';

export function credentialMethods(ctx: CoreContext): MethodImpls<'credentialStatus' | 'setCredential'> {
  const present = (service: 'jira' | 'github') => {
    try {
      return ctx.credentials.get(service) !== null;
    } catch {
      return false; // stored but undecryptable: the UI asks for it again
    }
  };
  return {
    credentialStatus: () => ({
      source: ctx.credentials.kind ?? 'none',
      jira: present('jira'),
      github: present('github'),
      sites: { jira: ctx.credentials.site?.('jira') ?? null, github: ctx.credentials.site?.('github') ?? null },
    }),
    setCredential: ({ service, secret, site }) => {
      const { set, remove } = ctx.credentials;
      if (!set || !remove) {
        throw new FlowmapError(
          'invalid-input',
          ctx.credentials.kind === 'environment'
            ? `this Flowmap reads the ${service} token from its environment: set ${CREDENTIAL_ENV[service]} before starting it`
            : `this Flowmap cannot store tokens; set ${CREDENTIAL_ENV[service]} in the environment of \`vsm\``,
        );
      }
      if (secret === null) remove.call(ctx.credentials, service);
      else {
        // The site is fixed here, with the token: later imports may send it there and nowhere else.
        const given = site ?? (service === 'github' ? DEFAULT_GITHUB_API : undefined);
        if (given === undefined)
          throw new FlowmapError(
            'invalid-input',
            'give the Jira site the token belongs to (e.g. https://your-site.atlassian.net): it is the only host the token will be sent to',
          );
        set.call(ctx.credentials, service, secret, siteOrigin(service, given, ctx.allowLoopbackHttp));
      }
      return { service, stored: present(service) };
    },
  };
}
