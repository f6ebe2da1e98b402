import * as contracts from '@elan/contracts';
import { ACCOUNT_ROLES, CAMPAIGN_CATEGORIES, CAMPAIGN_FUNDING_MODELS, WATCHED_PARTS } from './campaign';

/**
 * The domain owns these lists; the published contracts repeat them because a contract may not
 * depend on a service. This keeps the two from drifting apart.
 */
describe('the campaign contracts speak the domain’s words', () => {
  it('has the same categories, funding models, roles and watched parts', () => {
    expect([...contracts.CAMPAIGN_CATEGORIES]).toEqual([...CAMPAIGN_CATEGORIES]);
    expect([...contracts.FUNDING_MODELS]).toEqual([...CAMPAIGN_FUNDING_MODELS]);
    expect([...contracts.ACCOUNT_ROLES]).toEqual([...ACCOUNT_ROLES]);
    expect([...contracts.WATCHED_PARTS]).toEqual([...WATCHED_PARTS]);
  });
});
