/** The edge's only job with errors: map stable codes to HTTP statuses and one body shape. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { type AppError, AppFailure, type ErrorCode, type ErrorDetail } from '../domain/shared/errors.js';
import { assertNever, type Result } from '../domain/shared/result.js';

export function httpStatus(code: ErrorCode): number {
  switch (code) {
    case 'validation_failed':
      return 400;
    case 'unauthenticated':
    case 'invalid_credentials':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
    case 'already_exists':
    case 'archived':
    case 'insufficient_stock':
    case 'invalid_state':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'unsupported_file':
      return 415;
    case 'import_invalid':
    case 'warehouse_not_allowed':
    case 'unknown_barcode':
      return 422;
    case 'rate_limited':
      return 429;
    case 'internal_error':
      return 500;
    default:
      return assertNever(code);
  }
}

export function errorBody(error: AppError) {
  return { error: { code: error.code, message: error.message, details: error.details ?? [] } };
}

/** Unwraps a service Result inside a handler; a failure travels to the error handler. */
export function orFail<T>(result: Result<T, AppError>): T {
  if (!result.ok) throw new AppFailure(result.error);
  return result.value;
}

export function fail(error: AppError): never {
  throw new AppFailure(error);
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppFailure) {
    return reply.code(httpStatus(error.appError.code)).send(errorBody(error.appError));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const details: ErrorDetail[] = error.validation.map((v) => {
      const segments = v.instancePath
        .split('/')
        .filter((p) => p !== '')
        .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      // Body fields are located as the services locate them (['length']); query and path
      // parameters keep a prefix so "cursor" in the query is not mistaken for a body field.
      const path = where === 'body' ? segments : [where === 'querystring' ? 'query' : where, ...segments];
      return { path, field: segments.join('.'), code: v.keyword, message: v.message ?? 'Invalid value.' };
    });
    const first = details[0];
    const message = first ? `${first.field || where}: ${first.message}` : 'The request is not valid.';
    return reply.code(400).send(errorBody({ code: 'validation_failed', message, details }));
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
    return reply.code(500).send(errorBody({ code: 'internal_error', message: 'Internal error; it has been logged.' }));
  }
  const status = error.statusCode ?? 500;
  if (status === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE' || error.code === 'FST_FILES_LIMIT') {
    return reply.code(413).send(errorBody({ code: 'payload_too_large', message: 'The upload is too large (20 MB at most).' }));
  }
  if (status === 415 || error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return reply
      .code(415)
      .send(errorBody({ code: 'unsupported_file', message: `Unsupported content type ${request.headers['content-type'] ?? ''}.` }));
  }
  if (status >= 400 && status < 500) {
    // Malformed JSON, empty bodies and the like: the client's to fix, said plainly.
    return reply.code(400).send(errorBody({ code: 'validation_failed', message: error.message }));
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.code(500).send(errorBody({ code: 'internal_error', message: 'Internal error; it has been logged.' }));
}
