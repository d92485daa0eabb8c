/**
 * Stable error codes. Clients (portal, CLI, sellers' ERPs) switch on these, so a code is
 * never renamed or reused; add new ones instead. The HTTP status is decided at the edge.
 */
export const ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'not_found',
  'conflict',
  'already_exists',
  'archived',
  'import_invalid',
  'unsupported_file',
  'payload_too_large',
  'rate_limited',
  'internal_error',
  // Stock: a movement would take a bucket below zero or allocate more than is on hand.
  'insufficient_stock',
  // A state machine refused a step (receiving a closed plan, releasing a shipped allocation).
  'invalid_state',
  // The account may not keep stock in or ship from that warehouse.
  'warehouse_not_allowed',
  // A scanned barcode matches nothing expected here (not on the ASN, unknown SKU).
  'unknown_barcode',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A sentence in both languages the product speaks (English, Simplified Chinese). */
export interface BilingualMessage {
  en: string;
  zh: string;
}

/** One located problem: a field path for API input, or row + column for a spreadsheet. */
export interface ErrorDetail {
  path?: (string | number)[];
  /** Spreadsheet row as the seller sees it (header is row 1). */
  row?: number;
  /** Spreadsheet column letter, e.g. "C". */
  column?: string;
  /** The column header as written in the file, e.g. "长度" or "Length". */
  header?: string;
  field?: string;
  code: string;
  /** English; `messages` carries the same in both languages where the domain wrote them. */
  message: string;
  messages?: BilingualMessage;
}

export interface AppError {
  code: ErrorCode;
  message: string;
  details?: ErrorDetail[];
}

/** @example appError('not_found', 'SKU not found') */
export function appError(code: ErrorCode, message: string, details?: ErrorDetail[]): AppError {
  return details ? { code, message, details } : { code, message };
}

/**
 * Thrown only to carry an expected outcome through layers that cannot return a Result
 * (e.g. inside a database transaction that must roll back). Caught at the edge.
 */
export class AppFailure extends Error {
  readonly appError: AppError;
  constructor(error: AppError) {
    super(error.message);
    this.name = 'AppFailure';
    this.appError = error;
  }
}
