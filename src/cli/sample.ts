import { SmsError } from '../diagnostic.js';
import type { CliIO } from './io.js';

export async function createSample(_io: CliIO, _dir: string): Promise<number> {
  throw new SmsError('USAGE', 'the sample organisation is not available yet');
}
