import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import type { Subscription } from 'nats';
import { getAccountRecipient, type MailRecipient } from '@elan/contracts';
import { answerRequest, reasonOf } from '@elan/messaging';
import { NatsConnection } from '../connections/nats.connection';
import { AccountLanguages } from './account-languages';
import { AccountsRepository } from './accounts.repository';
import { erasedAccountFields } from './erasure-placeholders';

/** How often the responder tries again to subscribe while NATS is not reachable. */
const RETRY_SUBSCRIBE_MS = 2_000;

/**
 * The one request the gateway answers (ADR 0031): `GetAccountRecipient`, where the notification
 * service's mail to an account (a holder) goes, read at send time from the accounts it owns. An
 * erased account (its placeholder address) is `erased`: nobody is written to.
 *
 * The gateway has no Nest microservice (it must start while NATS is down), so this subscribes on
 * the gateway's own connection once it opens, in the `gateway` queue group, and answers in the
 * packets of Nest's NATS transport that `RequestClient` reads.
 */
@Injectable()
export class AccountRecipientsResponder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AccountRecipientsResponder.name);
  private subscription: Subscription | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;
  private warned = false;

  constructor(
    @Inject(NatsConnection) private readonly nats: NatsConnection,
    @Inject(AccountsRepository) private readonly accounts: AccountsRepository,
    @Inject(AccountLanguages) private readonly languages: AccountLanguages,
  ) {}

  onApplicationBootstrap(): void {
    void this.subscribe();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.subscription && !this.subscription.isClosed()) await this.subscription.drain().catch(() => undefined);
  }

  /** Where an account's mail goes: its address and display name, or `erased`, or `unknown`. */
  async recipientOf(accountId: string): Promise<MailRecipient> {
    const account = await this.accounts.findById(accountId);
    if (!account) return { status: 'unknown' };
    if (account.email === erasedAccountFields(account.id).email) return { status: 'erased' };
    // The language the account chose, French by default (ADR 0031).
    const language = await this.languages.of(accountId);
    return { status: 'found', email: account.email, name: account.displayName || null, language };
  }

  private async subscribe(): Promise<void> {
    try {
      const nc = await this.nats.get();
      if (this.stopped) return;
      this.subscription = nc.subscribe(getAccountRecipient.subject, {
        queue: 'gateway',
        callback: (error, message) => {
          if (error) return;
          void this.answer(message.data).then((reply) => message.respond(reply));
        },
      });
    } catch (error) {
      if (this.stopped) return;
      // Once: NATS being down is already what the gateway's health says.
      if (!this.warned) this.logger.warn(`cannot answer ${getAccountRecipient.name} yet (${reasonOf(error)}); retrying`);
      this.warned = true;
      this.retry = setTimeout(() => void this.subscribe(), RETRY_SUBSCRIBE_MS);
    }
  }

  private async answer(data: Uint8Array): Promise<Uint8Array> {
    let id: unknown;
    let reply: object;
    try {
      const packet = JSON.parse(new TextDecoder().decode(data)) as { id?: unknown; data?: unknown };
      id = packet.id;
      const response = await answerRequest(getAccountRecipient, packet.data, ({ accountId }) => this.recipientOf(accountId));
      reply = { id, response, isDisposed: true };
    } catch (error) {
      // answerRequest throws the typed error reply as an RpcException, as Nest's transport would send it.
      const err =
        error instanceof RpcException ? error.getError() : { code: 'internal_error', message: 'gateway failed', details: {} };
      reply = { id, err, isDisposed: true };
    }
    return new TextEncoder().encode(JSON.stringify(reply));
  }
}
