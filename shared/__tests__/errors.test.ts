import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import pino from 'pino';
import { BadUserInputError, ConflictError, errorMasker, NotFoundError } from '../errors';

const mask = errorMasker(pino({ level: 'silent' }));

function format(error: unknown): GraphQLFormattedError {
  const graphQLError =
    error instanceof GraphQLError
      ? error
      : new GraphQLError((error as Error).message, { originalError: error as Error });
  return mask(graphQLError.toJSON(), graphQLError);
}

test('client errors pass with their code and field, without a stack trace', () => {
  const formatted = format(new BadUserInputError('trl must be between 1 and 9', 'input.trl'));
  expect(formatted).toEqual({
    message: 'trl must be between 1 and 9',
    extensions: { code: 'BAD_USER_INPUT', field: 'input.trl' },
  });
});

test('NOT_FOUND names the entity, id and field', () => {
  expect(format(new NotFoundError('Fund', 'nope', 'input.fundId')).extensions).toEqual({
    code: 'NOT_FOUND',
    field: 'input.fundId',
    entity: 'Fund',
    id: 'nope',
  });
});

test('CONFLICT carries its details', () => {
  expect(format(new ConflictError('fund is full', { available: '10.00' })).extensions).toEqual({
    code: 'CONFLICT',
    available: '10.00',
  });
});

test('anything else is masked, keeping only an error id that the log carries too', () => {
  const sqlError = new Error(
    'duplicate key value violates unique constraint "project_code_key" at postgres://u:p@db/alliance',
  );
  const formatted = format(sqlError);
  expect(formatted.message).toBe('Internal server error');
  expect(formatted.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  expect(typeof formatted.extensions?.errorId).toBe('string');
  expect(JSON.stringify(formatted)).not.toMatch(/postgres|duplicate|project_code_key/);
});

test('a GraphQLError with an unknown code is masked too', () => {
  const formatted = format(new GraphQLError('connection terminated', { extensions: { code: 'ECONNRESET' } }));
  expect(formatted.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
});
