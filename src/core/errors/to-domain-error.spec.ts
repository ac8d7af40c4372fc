import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { NotFoundError } from './domain-errors.js';
import { toDomainError } from './to-domain-error.js';

const pgError = (code: string, extra: Record<string, string> = {}) =>
  new QueryFailedError('SELECT secret FROM t WHERE x = $1', ['p@ss'], Object.assign(new Error(`pg says ${code}`), { code, ...extra }));

describe('toDomainError', () => {
  it('keeps domain errors as they are', () => {
    const error = new NotFoundError('Owner');
    expect(toDomainError(error)).toBe(error);
  });

  it.each([
    [pgError('23505'), 409, 'CONFLICT'],
    [pgError('23503', { detail: 'Key (tenant_id, owner_id)=(a, b) is not present in table "owners".' }), 404, 'NOT_FOUND'],
    [pgError('23503', { detail: 'Key (tenant_id, id)=(a, b) is still referenced from table "places".', table: 'places' }), 409, 'CONFLICT'],
    [pgError('22P02'), 400, 'BAD_REQUEST'],
    [pgError('22021'), 400, 'BAD_REQUEST'],
    [pgError('23514'), 400, 'VALIDATION_ERROR'],
    [pgError('42501'), 404, 'NOT_FOUND'],
    [pgError('40001'), 409, 'CONFLICT'],
    [pgError('57P01'), 503, 'SERVICE_UNAVAILABLE'],
    [pgError('08006'), 503, 'SERVICE_UNAVAILABLE'],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 503, 'SERVICE_UNAVAILABLE'],
    [new Error('Connection terminated unexpectedly'), 503, 'SERVICE_UNAVAILABLE'],
    [Object.assign(new Error('Query runner already released. Cannot run queries anymore.'), { name: 'QueryRunnerAlreadyReleasedError' }), 503, 'SERVICE_UNAVAILABLE'],
    [pgError('XX000'), 500, 'INTERNAL_ERROR'],
    [new TypeError("Cannot read properties of undefined (reading 'id')"), 500, 'INTERNAL_ERROR'],
    ['a thrown string', 500, 'INTERNAL_ERROR'],
    [new BadRequestException('x', { cause: new SyntaxError('Unexpected token') }), 400, 'BAD_REQUEST'],
    [new NotFoundException('Cannot GET /x'), 404, 'NOT_FOUND'],
    [new PayloadTooLargeException(), 413, 'PAYLOAD_TOO_LARGE'],
  ])('maps %s to %i %s', (exception, status, type) => {
    const error = toDomainError(exception);
    expect({ status: error.status, type: error.type }).toEqual({ status, type });
  });

  it('never copies database text or parameters into the message or details', () => {
    for (const code of ['23505', '23503', '22P02', '23514', 'XX000']) {
      const error = toDomainError(pgError(code, { detail: 'Key (email)=(victim@example.com) already exists.' }));
      const visible = JSON.stringify({ message: error.message, details: error.details });
      expect(visible).not.toMatch(/victim|secret|p@ss|pg says|SELECT/);
    }
  });
});
