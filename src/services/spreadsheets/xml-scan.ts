/**
 * A minimal, strict XML scanner for the parts of an .xlsx package: elements, attributes, text,
 * CDATA, comments, processing instructions and the five predefined and numeric character
 * references — what SpreadsheetML uses; DTD internal subsets and custom entities are refused.
 *
 * Why not a general parser: a 10,000-row sheet is ~150,000 elements, and a character-by-
 * character SAX parser spent ~0.4 s on it where scanning with indexOf takes a tenth. Attributes
 * are parsed only when a handler asks for them, and element names arrive without their
 * namespace prefix (`<x:c>` is `c`). Mismatched or unclosed elements are errors.
 */
export class XmlScanError extends Error {}

export interface XmlTag {
  /** Local name, without a namespace prefix. */
  name: string;
  /** Attributes by their qualified name (`r:id`), values decoded. */
  attributes(): Record<string, string>;
}

export interface XmlHandlers {
  open?: (tag: XmlTag) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);|&/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** @example decodeXmlText('a &amp; b &#x4E2D;') // 'a & b 中' */
export function decodeXmlText(raw: string): string {
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(ENTITY, (match, body: string | undefined) => {
    if (body === undefined) throw new XmlScanError(`malformed XML: a bare "&" in "${raw.slice(0, 40)}"`);
    if (body.charCodeAt(0) !== 35 /* # */) return NAMED[body] as string;
    const code = body.charCodeAt(1) === 120 /* x */ ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    if (!(code >= 0 && code <= 0x10ffff)) throw new XmlScanError(`malformed XML: character reference ${match}`);
    return String.fromCodePoint(code);
  });
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

const ATTRIBUTE = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of source.matchAll(ATTRIBUTE)) {
    attributes[match[1] as string] = decodeXmlText(match[2] ?? match[3] ?? '');
  }
  return attributes;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Calls the handlers in document order; throws XmlScanError on anything not well-formed. */
export function scanXml(xml: string, handlers: XmlHandlers): void {
  const { open, close, text } = handlers;
  const stack: string[] = [];
  let seenRoot = false;
  let i = 0;
  const length = xml.length;
  const fail = (why: string): never => {
    throw new XmlScanError(`malformed XML at character ${i}: ${why}`);
  };
  while (i < length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? length : lt;
    if (textEnd > i) {
      const raw = xml.slice(i, textEnd);
      if (stack.length > 0) {
        if (text) text(decodeXmlText(raw));
      } else if (raw.trim() !== '') {
        fail('text outside the root element');
      }
    }
    if (lt < 0) break;
    i = lt;
    const next = xml.charCodeAt(lt + 1);
    if (next === 63 /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) fail('unterminated processing instruction');
      i = end + 2;
    } else if (next === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0) fail('unterminated CDATA section');
        if (stack.length === 0) fail('CDATA outside the root element');
        if (text) text(xml.slice(lt + 9, end));
        i = end + 3;
      } else if (xml.startsWith('<!DOCTYPE', lt)) {
        const end = xml.indexOf('>', lt);
        if (end < 0 || xml.lastIndexOf('[', end) > lt) fail('document type declarations are not read');
        i = end + 1;
      } else {
        fail('unknown markup');
      }
    } else if (next === 47 /* / */) {
      const end = xml.indexOf('>', lt + 2);
      if (end < 0) fail('unterminated end tag');
      const name = xml.slice(lt + 2, end).trim();
      const expected = stack.pop();
      if (expected !== name) fail(`</${name}> closes <${expected ?? 'nothing'}>`);
      if (close) close(localName(name));
      i = end + 1;
    } else {
      // Start tag: the name, then attributes up to a '>' that is not inside a quoted value.
      let j = lt + 1;
      while (j < length) {
        const code = xml.charCodeAt(j);
        if (isSpace(code) || code === 62 /* > */ || code === 47 /* / */) break;
        j++;
      }
      const qualified = xml.slice(lt + 1, j);
      if (qualified === '') fail('a tag without a name');
      const attributesStart = j;
      let quote = 0;
      while (j < length) {
        const code = xml.charCodeAt(j);
        if (quote !== 0) {
          if (code === quote) quote = 0;
        } else if (code === 34 || code === 39) {
          quote = code;
        } else if (code === 62) {
          break;
        }
        j++;
      }
      if (j >= length) fail(`unterminated <${qualified}>`);
      const selfClosing = xml.charCodeAt(j - 1) === 47;
      if (stack.length === 0) {
        if (seenRoot) fail('a second root element');
        seenRoot = true;
      }
      const name = localName(qualified);
      if (open) {
        const source = xml.slice(attributesStart, selfClosing ? j - 1 : j);
        let parsed: Record<string, string> | undefined;
        open({ name, attributes: () => (parsed ??= parseAttributes(source)) });
      }
      if (selfClosing) {
        if (close) close(name);
      } else {
        stack.push(qualified);
      }
      i = j + 1;
    }
  }
  if (stack.length > 0) fail(`<${stack.at(-1)}> is not closed`);
  if (!seenRoot) fail('no root element');
}
