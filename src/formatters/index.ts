import type { Formatter } from './types.js';
import { stylish } from './stylish.js';
import { json } from './json.js';
import { github } from './github.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { gitlab } from './gitlab.js';

export const FORMATTERS: Record<string, Formatter> = { stylish, json, github, junit, sarif, gitlab };
export const FORMAT_NAMES = Object.keys(FORMATTERS);
