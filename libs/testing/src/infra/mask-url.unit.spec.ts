import { maskUrl } from './mask-url';

describe('maskUrl', () => {
  it('hides the password of a URL', () =>
    expect(maskUrl('postgres://postgres:s3cr%40t@127.0.0.1:5432/elan')).toBe('postgres://postgres:***@127.0.0.1:5432/elan'));

  it('leaves a URL without a password as it is', () => expect(maskUrl('nats://127.0.0.1:4222')).toBe('nats://127.0.0.1:4222'));

  it('leaves a string that is not a URL as it is', () => expect(maskUrl('not a url')).toBe('not a url'));
});
