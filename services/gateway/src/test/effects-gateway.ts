import type { INestApplication } from '@nestjs/common';
import { HttpClient } from '@elan/testing';
import { Effects, EffectsController } from './effects.controller';
import { startTestGateway, testSchema } from './test-gateway';

/** A test gateway with the routes whose side effects a test counts or holds open. */
export interface EffectsGateway {
  readonly schema: string;
  readonly app: INestApplication;
  readonly effects: Effects;
  readonly api: HttpClient;
  /** Lets a held request finish, then closes the application. */
  close(): Promise<void>;
}

/** The preamble of the Idempotency-Key tests: a gateway of a schema of its own, plus `Effects`. */
export const startEffectsGateway = async (label: string): Promise<EffectsGateway> => {
  const schema = testSchema(label);
  const app = await startTestGateway(schema, { controllers: [EffectsController], providers: [Effects] });
  const effects = app.get(Effects);
  return {
    schema,
    app,
    effects,
    api: new HttpClient(app.getHttpServer()),
    close: async () => {
      effects.release();
      await app.close();
    },
  };
};
