import { HttpStatus, Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, concatMap, from, of, throwError, type Observable } from 'rxjs';
import { actorOf } from '../auth/actor';
import { reasonOf } from '@elan/messaging';
import type { HttpRequest, HttpResponse } from '../common/http-exchange';
import { ProblemException } from '../problem/problem-details';
import { parseIdempotencyKey, REPLAYED_HEADER } from './idempotency-key';
import { IdempotencyRecords, type Claim } from './idempotency.repository';
import { NEVER_REPLAYED } from './never-replayed.decorator';
import { RequestFingerprints } from './request-fingerprints';

/** An answer carrying an access token: never stored, whatever the route says (defence in depth). */
const holdsAccessToken = (body: unknown): boolean => typeof body === 'object' && body !== null && 'accessToken' in body;

/**
 * `Idempotency-Key` on every POST. The first request with a key runs and its answer is kept
 * 24 h; the same key with the same method, path and body gets that answer again (with
 * `Idempotent-Replayed: true`); with another request, a 422 problem; while the first still
 * runs, a 409 problem. A request that fails keeps nothing, so retrying it runs it again. A
 * failure does not prove that nothing changed: when a service's reply times out, the service may
 * still have committed. So a handler that creates something names it from the key
 * (`RequestIds`), and the service answers a repeated creation with what it already has: the
 * retry runs again and gets the same thing, never a second one.
 *
 * Keys belong to the caller: to the account of a valid access token, otherwise to a single
 * anonymous scope (register), where the fingerprint covers the whole body — password included —
 * so only a client that sends the very same request can get the answer back. Fingerprints are
 * keyed HMACs (`RequestFingerprints`), so the table holds nothing to test a password against.
 * Routes marked `@NeverReplayed()` (login), and any answer holding an access token, are never
 * stored: the key is checked, then the request runs like one without a key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly records: IdempotencyRecords,
    private readonly fingerprints: RequestFingerprints,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const response = context.switchToHttp().getResponse<HttpResponse>();
    const header = request.headers['idempotency-key'];
    if (request.method !== 'POST' || header === undefined) return next.handle();

    const key = parseIdempotencyKey(header);
    if (this.reflector.get<boolean | undefined>(NEVER_REPLAYED, context.getHandler())) return next.handle();
    const actor = actorOf(request);
    const scope = actor ? `account:${actor.accountId}` : 'anonymous';
    const fingerprints = await this.fingerprints.of(request.method, request.originalUrl, request.body);
    const outcome = await this.records.claim(scope, key, fingerprints);
    switch (outcome.kind) {
      case 'claimed':
        return this.runAndKeep(next, response, outcome.claim);
      case 'replay':
        response.statusCode = outcome.status;
        response.setHeader(REPLAYED_HEADER, 'true');
        return of(outcome.body);
      case 'in-progress':
        response.setHeader('Retry-After', '1');
        throw new ProblemException({
          type: 'urn:elan:problem:idempotency-key-in-use',
          title: 'A request with this Idempotency-Key is in progress',
          status: HttpStatus.CONFLICT,
          detail: 'The first request with this key has not finished: retry in a moment to get its answer.',
        });
      case 'other-request':
        throw new ProblemException({
          type: 'urn:elan:problem:idempotency-key-reused',
          title: 'Idempotency-Key reused for another request',
          status: HttpStatus.UNPROCESSABLE_ENTITY,
          detail: 'This key was used with a different method, path or body: use a new key for a new request.',
        });
    }
  }

  /** Runs the handler; keeps its answer before it is sent, or forgets the key when it fails. */
  private runAndKeep(next: CallHandler, response: HttpResponse, claim: Claim): Observable<unknown> {
    return next.handle().pipe(
      concatMap(async (body: unknown) => {
        if (holdsAccessToken(body)) {
          this.logger.error(
            `an answer holding an access token was not kept for key ${claim.key}: mark its route @NeverReplayed()`,
          );
          await this.records.release(claim).catch((error: unknown) => {
            this.logger.warn(`could not release key ${claim.key}: ${reasonOf(error)}`);
          });
          return body;
        }
        // The status is the route's (set before interceptors run) unless the handler changed it.
        await this.records.complete(claim, response.statusCode, body).catch((error: unknown) => {
          // The work is done: answering matters more. The lease lets the key be claimed again.
          this.logger.error(`could not keep the answer for key ${claim.key}: ${reasonOf(error)}`);
        });
        return body;
      }),
      catchError((error: unknown) =>
        from(
          this.records.release(claim).catch((releaseError: unknown) => {
            this.logger.warn(`could not release key ${claim.key}: ${reasonOf(releaseError)}`);
          }),
        ).pipe(concatMap(() => throwError(() => error))),
      ),
    );
  }
}
