export { parseSpdxJson } from './parse-json.js';
export { parseSpdxTagValue } from './parse-tag-value.js';
