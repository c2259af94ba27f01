// Tokens for live imports, seen from the contract: whether one is there, and a write-only way to store or
// remove one. Nothing here ever returns a token; reading one is the importers' business, in this process.
import { FlowmapError } from '../../domain/errors.ts';
import type { CoreContext } from '../context.ts';
import type { MethodImpls } from '../method-impls.ts';

const ENV_NAMES = { jira: 'JIRA_API_TOKEN (Cloud) or JIRA_PAT (Server)', github: 'GITHUB_TOKEN' } as const;

export function credentialMethods(ctx: CoreContext): MethodImpls<'credentialStatus' | 'setCredential'> {
  const present = (service: 'jira' | 'github') => {
    try {
      return ctx.credentials.get(service) !== null;
    } catch {
      return false; // stored but undecryptable: the UI asks for it again
    }
  };
  return {
    credentialStatus: () => ({ source: ctx.credentials.kind ?? 'none', jira: present('jira'), github: present('github') }),
    setCredential: ({ service, secret }) => {
      const { set, remove } = ctx.credentials;
      if (!set || !remove) {
        throw new FlowmapError(
          'invalid-input',
          ctx.credentials.kind === 'environment'
            ? `this Flowmap reads the ${service} token from its environment: set ${ENV_NAMES[service]} before starting it`
            : `this Flowmap cannot store tokens; set ${ENV_NAMES[service]} in the environment of \`vsm\``,
        );
      }
      if (secret === null) remove.call(ctx.credentials, service);
      else set.call(ctx.credentials, service, secret);
      return { service, stored: present(service) };
    },
  };
}
