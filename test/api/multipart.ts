/**
 * A multipart/form-data body built by hand, for `app.inject` uploads:
 * `t.app.inject({ method: 'POST', url, ...multipart('file', 'skus.csv', buf, 'text/csv'), headers: { ...m.headers, cookie } })`.
 */
import { randomBytes } from 'node:crypto';

export interface MultipartBody {
  payload: Buffer;
  headers: Record<string, string>;
}

/** One file part named `fieldName`; `extraFields` become plain text parts before it. */
export function multipart(
  fieldName: string,
  filename: string,
  content: Buffer,
  contentType = 'application/octet-stream',
  extraFields: Record<string, string> = {},
): MultipartBody {
  const boundary = `----landed-test-${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(extraFields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${fieldName}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
      'utf8',
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
  );
  const payload = Buffer.concat(parts);
  return {
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(payload.length) },
  };
}
