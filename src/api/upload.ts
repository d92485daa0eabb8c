/** Reading one uploaded file from a multipart request, with the limits and errors every import shares. */
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { MAX_SHEET_BYTES } from '../services/spreadsheets/read-table.js';
import { fail } from './http-errors.js';

export async function readUpload(request: FastifyRequest, field = 'file'): Promise<{ filename: string; data: Buffer }> {
  if (!request.isMultipart()) fail({ code: 'unsupported_file', message: `Send the sheet as multipart/form-data in the field "${field}".` });
  let file: MultipartFile | undefined;
  try {
    file = await request.file({ limits: { fileSize: MAX_SHEET_BYTES, files: 1 } });
  } catch {
    fail({ code: 'validation_failed', message: `The upload could not be read; send multipart/form-data with a "${field}" field.` });
  }
  if (file?.fieldname !== field)
    fail({
      code: 'validation_failed',
      message: `Missing the "${field}" field.`,
      details: [{ path: [field], code: 'required', message: `Attach the sheet as "${field}".` }],
    });
  const data = await file.toBuffer();
  if (file.file.truncated) fail({ code: 'payload_too_large', message: 'The file is larger than 20 MB; split it.' });
  return { filename: file.filename, data };
}
