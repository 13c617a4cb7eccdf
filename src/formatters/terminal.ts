/**
 * Text from documents (titles, values, file names, commit subjects) is written by whoever edits the
 * repository, including the author of a pull request. Before it reaches a terminal it loses every
 * character that could move the cursor, clear the screen, set the window title, hide text, make a
 * hyperlink or reorder what is shown: escape sequences (CSI, OSC, DCS and the rest), the other C0
 * and C1 control characters, DEL, and the bidirectional embedding, override and isolate controls and the directional marks
 * (LRM, RLM, ALM).
 */
import { BIDI_MARKS } from '../strings.js';

// ESC followed by a CSI (ESC [ … final byte), an OSC/DCS/SOS/PM/APC string (up to BEL or ESC \),
// or any other single character. Each alternative is linear: no nested quantifiers.
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]?|[\]PX^_][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[\s\S]?)/g;
// The 8-bit forms: CSI (U+009B) and the string introducers OSC, DCS, SOS, PM, APC.
const C1_SEQUENCE = /\u009b[0-?]*[ -/]*[@-~]?|[\u0090\u0098\u009d\u009e\u009f][^\u0007\u001b\u009c]*[\u0007\u009c]?/g;
const BIDI = new RegExp(`[${BIDI_MARKS}]`, 'g');
const CONTROL_KEEP_NEWLINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const CONTROL_ONE_LINE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/**
 * `s` without escape sequences, control characters or bidirectional controls. Tabs are kept; line
 * breaks are kept only with `multiline` (a CR LF becomes a LF), otherwise they (and NEL, U+2028 and
 * U+2029, which some terminals and viewers also break lines at) become spaces so one value stays on
 * one line.
 */
export function forTerminal(s: string, multiline = false): string {
  const stripped = s.replace(ESCAPE_SEQUENCE, '').replace(C1_SEQUENCE, '').replace(BIDI, '');
  if (multiline) return stripped.replace(/\r\n/g, '\n').replace(CONTROL_KEEP_NEWLINE, '');
  return stripped.replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, ' ').replace(CONTROL_ONE_LINE, '');
}
