import { type ParseResult, ProblemList } from '../../core/problem.js';
import type { SbomDocument } from '../../core/sbom.js';
import { type Dialect, isObject, mapBom, type Path, refused } from './map.js';
import { specFor, unsupportedVersionMessage } from './spec.js';

const identifier = /^[A-Za-z_$][\w$]*$/;

/** `$.components[12]['bom-ref']`: the notation jq and JSONPath users read. */
export function renderJsonPath(path: Path): string {
  let out = '$';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (identifier.test(seg)) out += `.${seg}`;
    else out += `['${seg}']`;
  }
  return out;
}

const jsonDialect: Dialect = {
  encoding: 'json',
  render: renderJsonPath,
  component: (raw) => raw,
  children: (raw) => (isObject(raw) ? raw.components : undefined),
  serviceRef: (raw) => (isObject(raw) ? raw['bom-ref'] : undefined),
  serviceChildren: (raw) => (isObject(raw) ? raw.services : undefined),
};

/** Parses a CycloneDX JSON BOM (spec 1.2–1.6) into Vigil's model, or refuses it with the reasons. */
export function parseCycloneDxJson(text: string, options: { file?: string } = {}): ParseResult<SbomDocument> {
  const problems = new ProblemList(options.file);
  // A byte-order mark is legal at the start of a UTF-8 file but JSON.parse rejects it.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let bom: unknown;
  try {
    bom = JSON.parse(body);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /at position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : jsonErrorOffset(body);
    problems.error('json_syntax', `The file is not valid JSON: ${message}`, lineColumn(body, offset));
    return refused(problems);
  }

  if (!isObject(bom)) {
    problems.error('not_cyclonedx', 'The file is not a CycloneDX BOM: its top level is not a JSON object', {
      path: '$',
    });
    return refused(problems);
  }
  if (bom.bomFormat !== 'CycloneDX') {
    const hint = 'spdxVersion' in bom ? ' (it looks like an SPDX document)' : '';
    const said =
      bom.bomFormat === undefined ? 'has no bomFormat' : `has bomFormat ${JSON.stringify(bom.bomFormat)}`;
    problems.error('not_cyclonedx', `The file is not a CycloneDX BOM: it ${said}, not "CycloneDX"${hint}`, {
      path: '$.bomFormat',
    });
    return refused(problems);
  }
  const version = bom.specVersion;
  const spec = typeof version === 'string' ? specFor(version) : undefined;
  if (!spec) {
    const found =
      version === undefined || version === null
        ? undefined
        : typeof version === 'string'
          ? version
          : JSON.stringify(version);
    problems.error('unsupported_spec_version', unsupportedVersionMessage(found), { path: '$.specVersion' });
    return refused(problems);
  }
  const doc = mapBom(bom, spec, jsonDialect, problems);
  return problems.result(doc);
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const numberAt = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ARRAY = 0;
const OBJECT = 1;

/**
 * Where JSON.parse gave up, for the messages of V8's that name no position (`Unexpected token 'x', "…" is
 * not valid JSON`). Runs only on text already known to be malformed; iterative, so nesting depth is harmless.
 */
export function jsonErrorOffset(text: string): number {
  const n = text.length;
  const stack: number[] = [];
  let i = 0;
  let state: 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'after' = 'value';
  const string = (): number => {
    // i is at the opening quote; answers -1 once i is past the closing one, else the offending offset.
    for (let j = i + 1; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x22) {
        i = j + 1;
        return -1;
      }
      if (c < 0x20) return j;
      if (c === 0x5c) {
        const e = text[j + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return j;
          j += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) j++;
        else return j;
      }
    }
    return n;
  };
  for (;;) {
    while (i < n && ' \t\n\r'.includes(text[i]!)) i++;
    // Running out of text is the error when the text was malformed at all.
    if (i >= n) return n;
    const c = text[i]!;
    if (state === 'after') {
      const top = stack[stack.length - 1];
      if (top === undefined) return i;
      if (c === ',') {
        i++;
        state = top === ARRAY ? 'value' : 'key';
      } else if ((top === ARRAY && c === ']') || (top === OBJECT && c === '}')) {
        stack.pop();
        i++;
      } else return i;
    } else if (state === 'key' || state === 'keyOrClose') {
      if (state === 'keyOrClose' && c === '}') {
        stack.pop();
        i++;
        state = 'after';
        continue;
      }
      if (c !== '"') return i;
      const bad = string();
      if (bad !== -1) return bad;
      while (i < n && ' \t\n\r'.includes(text[i]!)) i++;
      if (text[i] !== ':') return i;
      i++;
      state = 'value';
    } else {
      if (state === 'valueOrClose' && c === ']') {
        stack.pop();
        i++;
        state = 'after';
      } else if (c === '{') {
        stack.push(OBJECT);
        i++;
        state = 'keyOrClose';
      } else if (c === '[') {
        stack.push(ARRAY);
        i++;
        state = 'valueOrClose';
      } else if (c === '"') {
        const bad = string();
        if (bad !== -1) return bad;
        state = 'after';
      } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
        i += 4;
        state = 'after';
      } else if (text.startsWith('false', i)) {
        i += 5;
        state = 'after';
      } else {
        numberAt.lastIndex = i;
        if (!numberAt.test(text)) return i;
        i = numberAt.lastIndex;
        state = 'after';
      }
    }
  }
}
