export * from './handles-request.decorator';
export * from './request-client';
export * from './request-failures';
export * from './request-packet';
export * from './request-reply.transport';
