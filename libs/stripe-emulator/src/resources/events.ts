import { pathParam, type EmulatorContext, type Route } from '../context';
import { listPage } from '../wire/list';
import { missingResource } from '../wire/stripe-error';

export const eventRoutes = (context: EmulatorContext): Route[] => [
  {
    method: 'GET',
    pattern: /^\/v1\/events\/([^/]+)$/,
    handle: (request) => {
      const event = context.state.data.events[pathParam(request)];
      if (event === undefined) throw missingResource(pathParam(request), 'id');
      return event;
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/events$/,
    handle: ({ params }) => {
      const type = params.string('type');
      const types = params.strings('types');
      const all = Object.values(context.state.data.events).filter(
        (event) => (type === undefined || event.type === type) && (types === undefined || types.includes(event.type)),
      );
      return listPage(all, params, '/v1/events');
    },
  },
];
