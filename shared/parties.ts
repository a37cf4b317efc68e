import type { Caller } from './identity';
import type { Logger } from './logger';
import type { PeerClient } from './peers';

/** What a caller is a party to through the projects its organization leads. */
export interface PartyScope {
  projectIds: readonly string[];
  achievementIds: readonly string[];
}

export const NO_PARTY_SCOPE: PartyScope = Object.freeze({ projectIds: [], achievementIds: [] });

/**
 * The projects an enterprise member's organization leads, and their achievements, asked of
 * the alliance subgraph that owns projects (one request). A project's lead enterprise is a
 * party to it: it may see the project's CONFIDENTIAL achievement and investments. All of
 * them, not a page: `ledProjects` stops at its page size (20 unless asked), which left an
 * enterprise leading more projects refused what it was a party to.
 *
 * Fails closed: if the alliance does not answer, the caller is party to nothing.
 */
export async function partyScopeOf(caller: Caller, peers: PeerClient, log: Logger): Promise<PartyScope> {
  const org = caller.organization;
  if (org?.type !== 'enterprise') return NO_PARTY_SCOPE;
  try {
    const found = await peers.entities<{ id: string; ledProjectIds: string[]; ledAchievementIds: string[] }>(
      'alliance',
      'Enterprise',
      [org.id],
      'ledProjectIds ledAchievementIds',
      caller,
    );
    const led = found.get(org.id);
    return led ? { projectIds: led.ledProjectIds, achievementIds: led.ledAchievementIds } : NO_PARTY_SCOPE;
  } catch (error) {
    log.warn({ err: error }, 'could not read the projects the caller leads; treating it as party to none');
    return NO_PARTY_SCOPE;
  }
}
