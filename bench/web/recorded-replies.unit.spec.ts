import { CAMPAIGN_ID, checkedReplies } from './recorded-replies';

/** bench:web measures pages built from these replies: they must stay what the API answers. */
describe("bench:web's recorded API replies", () => {
  it('follow the contracts of GetCampaign, ListCampaignMessages and ListCampaigns', () => {
    const { campaign, messages, catalog } = checkedReplies();
    expect(campaign).toMatchObject({ campaignId: CAMPAIGN_ID, status: 'live' });
    expect(campaign.story.split('\n\n')).toHaveLength(5);
    expect(messages.items).toHaveLength(20);
    expect(catalog.items).toHaveLength(20);
    expect(catalog.items[0]?.campaignId).toBe(CAMPAIGN_ID);
  });
});
