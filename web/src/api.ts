/**
 * The one way the portal talks to the server: same-origin fetch with the session cookie,
 * JSON in and out, and every failure turned into an ApiError carrying the server's
 * `{ error: { code, message, details } }` so screens can show the code and locate problems.
 */

export interface ApiErrorDetail {
  path?: (string | number)[];
  row?: number;
  column?: string;
  header?: string;
  field?: string;
  code: string;
  message: string;
  /** The same message in both languages, where the server's domain wrote it in both. */
  messages?: { en: string; zh: string };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetail[];

  constructor(status: number, code: string, message: string, details: ApiErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as multipart/form-data (the browser sets the boundary). */
  form?: FormData;
  signal?: AbortSignal;
}

/** Builds `/v1/x?a=1` leaving out empty values. */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', query, body, form, signal } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (form) payload = form;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }

  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), { method, headers, body: payload, credentials: 'include', signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : 'Network error');
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }

  if (!response.ok) throw toApiError(response, json);
  return json as T;
}

function toApiError(response: Response, json: unknown): ApiError {
  const error = (json as { error?: Partial<{ code: unknown; message: unknown; details: unknown }> } | undefined)?.error;
  if (error && typeof error === 'object') {
    const code = typeof error.code === 'string' ? error.code : `http_${response.status}`;
    const message = typeof error.message === 'string' ? error.message : response.statusText || code;
    const details = Array.isArray(error.details) ? (error.details as ApiErrorDetail[]) : [];
    return new ApiError(response.status, code, message, details);
  }
  return new ApiError(response.status, `http_${response.status}`, response.statusText || `HTTP ${response.status}`);
}

/** A keyset-paginated list page. */
export interface ListPage<T> {
  data: T[];
  next_cursor: string | null;
}

/** Follows next_cursor to the end; only for short lists such as accounts in the switcher. */
export async function fetchAllPages<T>(path: string, query: Record<string, QueryValue> = {}, maxPages = 20): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const page: ListPage<T> = await api<ListPage<T>>(path, { query: { ...query, limit: 500, cursor } });
    all.push(...page.data);
    cursor = page.next_cursor;
    if (!cursor) break;
  }
  return all;
}
