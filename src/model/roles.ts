import type { RoleCode } from './types.js';

export interface Person {
  name: string;
  email?: string;
  roles: RoleCode[];
  practitionerAreas: string[];
  /** Last day the person held their roles; undefined while they still do. */
  until?: string;
  /** The organisation a customer's or supplier's contact speaks for, where the roles document says. */
  organisation?: string;
  /** Index in the roles document's `people` list, to point diagnostics at it. */
  index: number;
}

/** People of the roles document, looked up by e-mail (case-insensitive) or exact name. */
export class RolesIndex {
  readonly people: Person[];
  private readonly byKey = new Map<string, Person>();

  constructor(people: Person[]) {
    this.people = people;
    // One person in two entries (a past term ended by until, and the one they hold now): the entry
    // still held, or the one held last, is theirs.
    const keep = (key: string, p: Person): void => {
      const had = this.byKey.get(key);
      if (!had || (had.until !== undefined && (p.until === undefined || p.until > had.until))) this.byKey.set(key, p);
    };
    for (const p of people) {
      keep(`name:${p.name}`, p);
      if (p.email) keep(`email:${p.email.toLowerCase()}`, p);
    }
  }

  static fromData(data: Record<string, unknown> | null | undefined): RolesIndex {
    const raw = data && Object.prototype.hasOwnProperty.call(data, 'people') ? data.people : undefined;
    if (!Array.isArray(raw)) return new RolesIndex([]);
    const people: Person[] = [];
    raw.forEach((entry: unknown, index) => {
      if (!entry || typeof entry !== 'object') return;
      const e = entry as Record<string, unknown>;
      if (typeof e.name !== 'string') return;
      people.push({
        name: e.name,
        email: typeof e.email === 'string' ? e.email : undefined,
        roles: Array.isArray(e.roles) ? (e.roles.filter((r) => typeof r === 'string') as RoleCode[]) : [],
        practitionerAreas: Array.isArray(e.practitioner_areas)
          ? e.practitioner_areas.filter((r): r is string => typeof r === 'string')
          : [],
        until: typeof e.until === 'string' ? e.until : undefined,
        organisation: typeof e.organisation === 'string' ? e.organisation : undefined,
        index,
      });
    });
    return new RolesIndex(people);
  }

  /** Accepts "email", "Name" or "Name <email>". */
  resolve(ref: string): Person | undefined {
    return this.byKey.get(`email:${addressOf(ref)}`) ?? this.byKey.get(`name:${ref.replace(/\s*<[^<>]*>\s*$/, '').trim()}`);
  }

  /**
   * Like resolve, but a reference that carries an email resolves by that email only: for
   * identities that something vouches for (a signature, a trailer it covers), where a known name
   * beside an unknown address is someone else.
   */
  resolveStrict(ref: string): Person | undefined {
    const m = /<([^<>]+)>\s*$/.exec(ref);
    return m ? this.byKey.get(`email:${m[1]!.trim().toLowerCase()}`) : this.resolve(ref);
  }

  holdsAny(person: Person, roles: readonly string[]): boolean {
    return person.roles.some((r) => roles.includes(r));
  }
}

/**
 * The entries of a roles document grouped by the person they name: entries that share an address
 * (in any case) or a name are one person, whose roles are all of theirs. Listing someone twice
 * must not split roles the standard says one person should not combine.
 */
export function entriesByPerson(people: readonly Person[]): Person[][] {
  const keysOf = (p: Person): string[] => [`name:${nameKey(p.name)}`, ...(p.email ? [`email:${addressKey(p.email)}`] : [])];
  const groupOf = new Map<string, Person[]>();
  const groups: Person[][] = [];
  for (const p of people) {
    // An entry may join two groups until now apart (Carl's name with one, his address with another).
    const joined = [...new Set(keysOf(p).flatMap((k) => groupOf.get(k) ?? []))];
    const group = [...groups.filter((g) => g.some((q) => joined.includes(q))).flat(), p];
    groups.splice(0, groups.length, ...groups.filter((g) => !g.some((q) => joined.includes(q))), group);
    for (const q of group) for (const k of keysOf(q)) groupOf.set(k, group);
  }
  return groups.map((g) => g.sort((a, b) => a.index - b.index));
}

/**
 * A name or an address as a reader sees it, to tell whether two entries name one person: the same
 * characters however Unicode composes them (NFKC), without invisible ones (zero-width spaces, bidi
 * marks, joiners, variation selectors, Hangul fillers: every format and default-ignorable
 * character), any run of spaces (a no-break space, a Braille blank too) as one, in any case.
 */
function seen(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, '')
    .replace(/[\s\u2800]+/gu, ' ')
    .trim()
    .toLowerCase();
}

/** A name as a reader sees it (see seen). */
export function nameKey(name: string): string {
  return seen(name);
}

/** An address as a reader sees it (see seen), from "Name <email>" or the address alone. */
export function addressKey(ref: string): string {
  return seen(addressOf(ref));
}

/** Same person, whichever way each reference names them ("Name <email>", "email" or "Name"). */
export function samePerson(roles: RolesIndex, a: string, b: string): boolean {
  const pa = roles.resolve(a);
  const pb = roles.resolve(b);
  if (pa && pb) return pa === pb;
  // Someone the roles document does not list: by e-mail where both give one, else as written.
  const ea = addressOf(a);
  const eb = addressOf(b);
  if (ea.includes('@') && eb.includes('@')) return ea === eb;
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The address part of "Name <email>", or the whole reference, trimmed and in lower case. */
export function addressOf(ref: string): string {
  const m = /<([^<>]+)>\s*$/.exec(ref);
  return (m ? m[1]! : ref).trim().toLowerCase();
}
