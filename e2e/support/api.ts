// The public API as the end-to-end tests see it: the kit's HTTP client against a stack's URL.
export { HttpClient as Api, PASSWORD, uniqueEmail, type Account } from '@elan/testing';
