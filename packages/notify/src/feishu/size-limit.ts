import { NotifyRejectedError } from '../errors';
import type { NotificationMessage } from '../notification-message';

/** Appended where text was cut; the message's truncated note points to the whole. */
export const CUT_MARK = ' …[cut]';
/** A part is cut no shorter than this while other parts can give way, so every section keeps its gist. */
const MIN_KEEP = 120;
const MAX_HELP_ITEMS_WHEN_CUT = 20;

interface TextSlot {
  get(): string;
  set(value: string): void;
}

function slots(m: NotificationMessage): TextSlot[] {
  const list: TextSlot[] = [
    { get: () => m.summary, set: (v) => (m.summary = v) },
    { get: () => m.report, set: (v) => (m.report = v) },
  ];
  if (m.fix) {
    const fix = m.fix;
    list.push(
      { get: () => fix.diff, set: (v) => (fix.diff = v) },
      { get: () => fix.summary, set: (v) => (fix.summary = v) },
    );
  }
  if (m.verification) {
    const verification = m.verification;
    list.push({ get: () => verification.detail, set: (v) => (verification.detail = v) });
  }
  for (const cause of m.causes) list.push({ get: () => cause.reason, set: (v) => (cause.reason = v) });
  for (const item of m.humanHelp) {
    list.push(
      { get: () => item.problem, set: (v) => (item.problem = v) },
      { get: () => item.blocked, set: (v) => (item.blocked = v) },
      { get: () => item.action, set: (v) => (item.action = v) },
    );
  }
  return list;
}

function plain(text: string): string {
  return text.endsWith(CUT_MARK) ? text.slice(0, -CUT_MARK.length) : text;
}

/** The bytes a character takes inside a JSON string: UTF-8, or an escape. */
function jsonBytes(char: string): number {
  const code = char.codePointAt(0)!;
  if (
    code === 0x22 ||
    code === 0x5c ||
    code === 0x0a ||
    code === 0x0d ||
    code === 0x09 ||
    code === 0x08 ||
    code === 0x0c
  )
    return 2;
  if (code < 0x20 || (code >= 0xd800 && code <= 0xdfff)) return 6;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

function textBytes(text: string): number {
  let bytes = 0;
  for (const char of text) bytes += jsonBytes(char);
  return bytes;
}

/** The length of the longest prefix that takes at most `budget` bytes, ending on a whole character. */
function prefixWithin(text: string, budget: number): number {
  let bytes = 0;
  let length = 0;
  for (const char of text) {
    bytes += jsonBytes(char);
    if (bytes > budget) break;
    length += char.length;
  }
  return length;
}

/** Keeps the first `keep` characters (a whole-character boundary) and marks the cut. */
function cut(text: string, keep: number): string {
  return `${plain(text).slice(0, Math.max(0, keep))}${CUT_MARK}`;
}

/** Drops the last item of the longer list (causes keep their first, human help its first). */
function dropItem(m: NotificationMessage): boolean {
  if (m.humanHelp.length > 1 && m.humanHelp.length >= m.causes.length) {
    m.humanHelp.pop();
    return true;
  }
  if (m.causes.length > 1) {
    m.causes.pop();
    return true;
  }
  return false;
}

/**
 * Shrinks a message until its rendering measures at most `maxBytes`: the longest text is cut first (by the
 * excess, so one pass usually suffices), down to a floor; then list items are dropped; then texts are cut
 * below the floor. The result is marked truncated so the rendering links to the whole.
 */
export function fitMessage(
  message: NotificationMessage,
  measure: (m: NotificationMessage) => number,
  maxBytes: number,
): NotificationMessage {
  if (measure(message) <= maxBytes) return message;
  const m: NotificationMessage = structuredClone(message);
  m.truncated = true;
  // No text can be longer than the whole budget, and a card lists a bounded number of findings: capping
  // those first keeps the loop below to a few dozen renderings whatever the input.
  m.humanHelp = m.humanHelp.slice(0, MAX_HELP_ITEMS_WHEN_CUT);
  for (const slot of slots(m)) {
    const text = slot.get();
    if (Buffer.byteLength(text) > maxBytes) slot.set(cut(text, prefixWithin(text, maxBytes)));
  }
  const markBytes = textBytes(CUT_MARK);
  for (;;) {
    const excess = measure(m) - maxBytes;
    if (excess <= 0) return m;
    const longest = slots(m)
      .map((slot) => ({ slot, text: plain(slot.get()) }))
      .filter((s) => s.text.length > 0)
      .map((s) => ({ ...s, bytes: textBytes(s.text) }))
      .sort((a, b) => b.bytes - a.bytes)[0];
    // The prefix that sheds the excess (and the mark's own bytes), in bytes, however wide the characters.
    const shed = longest ? prefixWithin(longest.text, longest.bytes - excess - markBytes) : 0;
    if (longest && longest.text.length > MIN_KEEP) {
      longest.slot.set(cut(longest.text, Math.max(MIN_KEEP, shed)));
      continue;
    }
    if (dropItem(m)) continue;
    if (longest) {
      longest.slot.set(shed > 0 ? cut(longest.text, shed) : '');
      continue;
    }
    throw new NotifyRejectedError(`the message does not fit in ${maxBytes} bytes even with every text cut`);
  }
}
