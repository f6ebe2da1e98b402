import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { BEARER_SCHEME } from '../auth/auth.decorators';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN, REPLAYED_HEADER } from '../idempotency/idempotency-key';
import { PROBLEM_JSON } from '../problem/problem-details';
import { PROBLEM_DESCRIPTIONS } from './api-problems.decorator';
import { componentSchemas, schemaRef } from './api-schemas';
import { ProblemSchema } from './problem.schemas';

type Operation = NonNullable<OpenAPIObject['paths'][string]['post']>;

const problemResponse = (description: string) => ({
  description,
  content: { [PROBLEM_JSON]: { schema: schemaRef(ProblemSchema) } },
});

/**
 * What holds for every operation and is therefore added here rather than on each route: any
 * error is a problem (`default`), and every POST takes an `Idempotency-Key` with its 409/422.
 */
function addCommonParts(operation: Operation, method: string): void {
  operation.responses['default'] ??= problemResponse('Any other error, as an RFC 7807 problem');
  if (method !== 'post') return;
  operation.parameters = [
    ...(operation.parameters ?? []),
    {
      name: IDEMPOTENCY_KEY_HEADER,
      in: 'header',
      required: false,
      description:
        'Makes the POST safe to retry for 24 h: the same key and request get the first answer again ' +
        `(with \`${REPLAYED_HEADER}: true\`). A UUID is a good key.`,
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: IDEMPOTENCY_KEY_PATTERN.source },
    },
  ];
  const inUse = 'A request with this Idempotency-Key is still in progress';
  const conflict = operation.responses['409'] as { description?: string } | undefined;
  operation.responses['409'] = problemResponse(conflict?.description ? `${conflict.description}; or: ${inUse}` : inUse);
  operation.responses['422'] ??= problemResponse(PROBLEM_DESCRIPTIONS[422] ?? 'Unprocessable');
}

export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths))
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (operation) addCommonParts(operation, method);
    }
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...componentSchemas() },
  };
  return document;
}

/**
 * Serves the OpenAPI document at `/api/docs-json` and Swagger UI at `/api/docs`. Built on first
 * request, once every module (and so every route) is known.
 */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Élan public API')
    .setDescription(
      'Cooperative crowdfunding: zero commission, voluntary tips. Errors are RFC 7807 problems ' +
        '(`application/problem+json`); every POST honours `Idempotency-Key`.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
    .build();
  SwaggerModule.setup('docs', app, () => completeDocument(SwaggerModule.createDocument(app, config)), {
    useGlobalPrefix: true,
    raw: ['json'],
  });
}
