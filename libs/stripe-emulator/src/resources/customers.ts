import type Stripe from 'stripe';
import { pathParam, type EmulatorContext, type Route } from '../context';
import { nowSeconds, stripeId } from '../wire/ids';
import { listPage } from '../wire/list';
import type { Params } from '../wire/params';
import { missingResource } from '../wire/stripe-error';

export const getCustomer = (context: EmulatorContext, id: string, param = 'customer'): Stripe.Customer => {
  const customer = context.state.data.customers[id];
  if (customer === undefined) throw missingResource(id, param);
  return customer;
};

const applyFields = (customer: Stripe.Customer, params: Params): void => {
  customer.email = params.string('email') ?? customer.email;
  customer.name = params.string('name') ?? customer.name ?? null;
  customer.description = params.string('description') ?? customer.description;
  customer.metadata = params.metadata(customer.metadata);
  const defaultMethod = params.child('invoice_settings').string('default_payment_method');
  if (defaultMethod !== undefined) customer.invoice_settings.default_payment_method = defaultMethod;
};

export const customerRoutes = (context: EmulatorContext): Route[] => [
  {
    method: 'POST',
    pattern: /^\/v1\/customers$/,
    handle: ({ params }) => {
      const customer: Stripe.Customer = {
        id: stripeId('cus'),
        object: 'customer',
        balance: 0,
        created: nowSeconds(),
        default_source: null,
        description: null,
        email: null,
        name: null,
        invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
        livemode: false,
        metadata: {},
        shipping: null,
      };
      applyFields(customer, params);
      context.state.data.customers[customer.id] = customer;
      context.emit('customer.created', customer);
      return customer;
    },
  },
  { method: 'GET', pattern: /^\/v1\/customers\/([^/]+)$/, handle: (request) => getCustomer(context, pathParam(request), 'id') },
  {
    method: 'POST',
    pattern: /^\/v1\/customers\/([^/]+)$/,
    handle: (request) => {
      const customer = getCustomer(context, pathParam(request), 'id');
      applyFields(customer, request.params);
      context.emit('customer.updated', customer);
      return customer;
    },
  },
  {
    // As Stripe: the customer is gone (its cards with it); retrieving it after says `deleted`.
    method: 'DELETE',
    pattern: /^\/v1\/customers\/([^/]+)$/,
    handle: (request) => {
      const customer = getCustomer(context, pathParam(request), 'id');
      delete context.state.data.customers[customer.id];
      context.emit('customer.deleted', customer);
      return { id: customer.id, object: 'customer', deleted: true };
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/customers$/,
    handle: ({ params }) => {
      const email = params.string('email');
      const all = Object.values(context.state.data.customers).filter((c) => email === undefined || c.email === email);
      return listPage(all, params, '/v1/customers');
    },
  },
];
