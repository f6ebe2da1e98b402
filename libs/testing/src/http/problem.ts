/** The fields of an RFC 7807 problem document the tests look at. */
export interface Problem {
  readonly type: string;
  readonly status: number;
  readonly title?: string;
  readonly detail?: string;
}

interface Answered {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string | undefined>;
}

const PROBLEM_PREFIX = 'urn:elan:problem:';

/**
 * Asserts `response` is the problem `name` (`urn:elan:problem:<name>`) with HTTP `status`, sent
 * as `application/problem+json`; answers the problem for further checks.
 */
export const expectProblem = (response: Answered, status: number, name: string): Problem => {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ type: `${PROBLEM_PREFIX}${name}`, status });
  return response.body as Problem;
};
