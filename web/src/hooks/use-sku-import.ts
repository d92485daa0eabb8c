import { useMutation } from '@tanstack/react-query';
import { api } from '../api';
import type { SkuImportResult } from '../types';

export type ImportMode = 'create' | 'upsert';

export interface ImportRequest {
  accountId: string;
  file: File;
  mode: ImportMode;
  dryRun: boolean;
}

/** POST /v1/skus/import: all-or-nothing; 422 import_invalid lists every bad cell. */
export function postSkuImport({ accountId, file, mode, dryRun }: ImportRequest): Promise<SkuImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<SkuImportResult>('/v1/skus/import', {
    method: 'POST',
    query: { account_id: accountId, mode, dry_run: dryRun },
    form,
  });
}

export function useSkuImport() {
  return useMutation({ mutationFn: postSkuImport });
}
