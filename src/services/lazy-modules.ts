/**
 * Heavy document libraries, loaded on first use. exceljs and pdfkit take about a quarter of a
 * second each to load; every CLI command and every server start paid for them through the
 * service container although most never open a workbook or draw a PDF.
 */
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import type PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);

let excel: typeof ExcelJS | undefined;
let pdf: typeof PDFDocument | undefined;

/** @example const workbook = new (excelJs().Workbook)(); */
export function excelJs(): typeof ExcelJS {
  excel ??= require('exceljs') as typeof ExcelJS;
  return excel;
}

/** @example const doc = new (pdfKit())({ size: 'A4' }); */
export function pdfKit(): typeof PDFDocument {
  pdf ??= require('pdfkit') as typeof PDFDocument;
  return pdf;
}
