// What every group of core methods gets: the open workspace, the clock and the event emitter.
import type { ContractEvents, EventName } from '../contract/contract.ts';
import type { Db } from '../store/open-workspace.ts';
import { getMeta } from '../store/meta-repo.ts';
import type { TimelineCache } from './timeline-cache.ts';

export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

/**
 * Where live importers get API tokens. The token never crosses the contract: Electron main passes its
 * safeStorage-backed store; every `vsm` command, `vsm serve` included, passes one that reads its own
 * environment, so a page served by the local host can start a live import without ever seeing the token.
 */
export type CredentialService = 'jira' | 'github';
export interface CredentialSource {
  get(service: CredentialService): string | null;
  /** Where tokens come from, for the UI: 'keychain' (Electron, writable), 'environment' or 'none'. */
  readonly kind?: 'keychain' | 'environment' | 'none';
  /** Only a keychain can keep a token the user types; the others are read-only. */
  set?(service: CredentialService, secret: string, site: string): void;
  remove?(service: CredentialService): void;
  /**
   * The one site (origin) the token may be sent to, fixed when it was stored (app) or when `vsm` started (its
   * environment and flags); null = not bound, and then the token is sent nowhere.
   */
  site?(service: CredentialService): string | null;
}
export const noCredentials: CredentialSource = { get: () => null, kind: 'none' };

export interface CoreContext {
  db: Db;
  credentials: CredentialSource;
  clock: Clock;
  workspacePath: string;
  /** Plain http to a loopback site is allowed for tokens (tests' replay servers only: FLOWMAP_ALLOW_LOOPBACK_HTTP=1). */
  allowLoopbackHttp: boolean;
  /** Every token handed to an importer by this core: redacted, in every encoding, from whatever leaves it. */
  secretsInUse: Set<string>;
  /** The instant figures describe when the caller gives none: the workspace's pinned one, else now. */
  defaultAsOf(): number;
  /** Per-item histories and walked facts kept between queries (see timeline-cache.ts). */
  timelines: TimelineCache;
  emit<E extends EventName>(event: E, payload: ContractEvents[E]): void;
}

const NOW_STEP_MS = 60_000;

export function defaultAsOfFor(db: Db, clock: Clock): number {
  const pinned = getMeta(db, 'defaultAsOf');
  // "Now" moves in whole minutes: every query of the same minute describes the same instant, so the
  // timeline cache (walked per asOf) serves a filter change instead of walking every item again.
  return pinned === null ? Math.floor(clock.now() / NOW_STEP_MS) * NOW_STEP_MS : Date.parse(pinned);
}
