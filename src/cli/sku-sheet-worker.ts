/**
 * Reads a quote's SKU sheet on a worker thread, so `landed quote` opens the database on the
 * main thread meanwhile: with a 10,000-row workbook each takes about half a second.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readSkuSheet } from './sku-sheet.js';

const { name, data } = workerData as { name: string; data: Uint8Array };
parentPort?.postMessage(await readSkuSheet(name, Buffer.from(data.buffer, data.byteOffset, data.byteLength)));
