import { runMain } from '@elan/service-kit';
import { startWeb } from './web-server';
import { webConfigFromEnv } from './web.config';

/** The web front as deployed: WEB_PORT, HOST, ELAN_API_URL (ADR 0030). */
runMain('web', () => {
  // Read before anything starts, so a bad setting is reported by name, without a stack.
  const config = webConfigFromEnv(process.env);
  return startWeb(config).then((web) => ({
    description: `${web.url}, pages from the API at ${config.apiUrl}`,
    close: () => web.close(),
  }));
});
