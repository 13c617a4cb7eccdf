import type { CliIO } from './io.js';
import { SmsError } from '../diagnostic.js';
export async function setStatusCommand(_io: CliIO, _o: object): Promise<number> { throw new SmsError('USAGE', 'not available yet'); }
