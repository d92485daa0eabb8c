/**
 * Keyset pagination: the cursor is the last id of a page (ids are UUIDv7, so they follow
 * creation order). Unlike OFFSET, pages stay stable while rows are added and cost the same
 * deep into a large catalogue.
 */
import { isUuid } from '../domain/shared/ids.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** @example encodeCursor('0190…') // 'MDE5MOKApg' */
export function encodeCursor(lastId: string): string {
  return Buffer.from(lastId, 'utf8').toString('base64url');
}

/** Returns the id inside a cursor, or null when the cursor was not made by us. */
export function decodeCursor(cursor: string): string | null {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  return isUuid(id) ? id : null;
}

/** Fetch limit + 1 rows; the extra one only tells whether another page exists. */
export function toPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
