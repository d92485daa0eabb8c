import { decodeCursor } from '../db/pagination.js';
import { fail } from './http-errors.js';

/** Turns ?cursor=&limit= into a repository filter; a forged cursor is a located 400. */
export function pageFilter(query: { cursor?: string; limit: number }): { after?: string; limit: number } {
  if (!query.cursor) return { limit: query.limit };
  const after = decodeCursor(query.cursor);
  if (!after) {
    fail({
      code: 'validation_failed',
      message: 'cursor is not valid; pass next_cursor from the previous page.',
      details: [{ path: ['query', 'cursor'], field: 'cursor', code: 'invalid_cursor', message: 'Use next_cursor from the previous page.' }],
    });
  }
  return { after, limit: query.limit };
}
