/** Reads a chosen file as text in the browser and parses it as JSON (rejects with the parser's message). */
export function readJsonFile(file: Blob): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      try {
        resolve(JSON.parse(String(reader.result ?? '')));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsText(file);
  });
}

/**
 * A card document from what was uploaded: the document itself, or a whole version export
 * (`{ version, effective_from, …, document }`) from which the document is taken.
 */
export function cardDocumentOf(parsed: unknown): unknown {
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const record = parsed as Record<string, unknown>;
    if (!('kind' in record) && record.document && typeof record.document === 'object') return record.document;
  }
  return parsed;
}
