import { isIPv6 } from 'node:net';
import { passesLuhn } from './luhn';
import type { PiiType } from './pii-type';

/**
 * One recogniser: a global regex proposing candidates and an optional validator that rejects look-alikes.
 * Every regex starts with a lookbehind that forbids starting inside a run of the same characters, so each
 * scan is linear in the text length (no quadratic rescans on long inputs), and none nests quantifiers
 * that could backtrack catastrophically.
 */
export interface PiiPattern {
  type: PiiType;
  regex: RegExp;
  /** Cheap test on the whole text; when false the regex is not run. */
  mayContain: (text: string) => boolean;
  isValid?: (candidate: string, text: string, end: number) => boolean;
}

const hasDigit = (text: string): boolean => /\d/.test(text);

/** Card networks' leading digits (IIN ranges): Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay. */
const CARD_PREFIX =
  /^(?:4|5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)|3[47]|6(?:011|5|4[4-9]|2)|35|3(?:0[0-5]|[68]))/;

/** A dotted quad right after one of these words is a version or section number, not an address. */
const VERSION_WORD =
  /(?:\b(?:v|ver|version|release|build|firmware|rev|revision|section|chapter|clause)\.?:?|§)\s*$/i;

/**
 * Words after which a dotted quad is read as an address even when its numbers could be a version:
 * prepositions, conjunctions, verbs and nouns of networking. After any other word (`Kafka 2.8.1.0`,
 * `python 3.11.4.0`, `OpenSSL 1.1.1.1`) a quad with small numbers is a version (see looksLikeVersion).
 */
const ADDRESS_WORDS = new Set(
  (
    'a an the to from at on in into onto via by for of with and or nor but than as is are was were be been ' +
    'am its this that these those my our your their his her me us them him it not no now then also only ' +
    'both either between behind through toward towards against except like including plus vs versus per ' +
    'each every any some all new old same own named called see use uses used using set change changed ' +
    'add added remove removed got get gets has have had hit try tried ' +
    'ip ips ipv4 address addresses addr host hosts hostname server servers client clients peer peers node ' +
    'nodes gateway router dns resolver resolvers nameserver nameservers ns proxy endpoint source src ' +
    'destination dest dst target remote local public private internal external static dynamic interface ' +
    'subnet network net cidr range vpn lan wan nat firewall machine box device instance vm container pod ' +
    'origin upstream downstream egress ingress inbound outbound listen listening bind bound connect ' +
    'connects connected connecting connection reach reached ping pinged pinging ssh telnet curl wget ' +
    'traceroute tracert nslookup dig nmap scan scanned block blocks blocked ban banned allow allowed ' +
    'allowlist whitelist whitelisted deny denied denylist blacklist blacklisted reject rejected drop dropped ' +
    'user users customer attacker visitor login logins request requests came coming sent routed forwarded ' +
    'mapped assigned resolves resolved resolving points pointing lookup whois geoip location'
  ).split(' '),
);

/** An upgrade or downgrade in the current sentence, ending in "to" or "from": `Upgrade Kafka from 2.7.0.1 to`. */
const UPGRADE_CLAUSE =
  /\b(?:(?:up|down)grad(?:e|es|ed|ing)|bump(?:s|ed|ing)?|roll(?:s|ed|ing)? back|revert(?:s|ed|ing)?)(?:\s+(?:[\w+#-]|\.(?=\d))+){0,5}\s+(?:to|from)\s+$/i;

/**
 * A version's numbers are small; an address's four octets are all below this only about once in 4,000
 * (`(32 / 256)^4`): a quad with a larger number is read as an address whatever word comes before it.
 */
const VERSION_NUMBER_LIMIT = 32;

/**
 * Whether the dotted quad that starts at `start` reads as a version or section number rather than an
 * address: right after a version word (`version 1.2.3.4`, `§ 1.2.3.4`); or, when every number is below
 * VERSION_NUMBER_LIMIT and the first is not 10 (so no 10/8, 172.16/12 or 192.168/16 address qualifies, nor
 * almost any other: `servidor 52.3.4.5` stays an address in any language), right after a word that is not
 * in ADDRESS_WORDS (`OpenSSL 1.1.1.1`), or after the "to"/"from" of an upgrade at most five words on, in
 * the same sentence (`Upgrade Kafka to 2.8.1.0`, `Downgraded the broker from 2.8.1.0 to 2.7.0.1`). A quad after punctuation, at the start of the
 * text or after a word of ADDRESS_WORDS (`host 8.8.8.8`, `from 8.8.8.8`) stays an address.
 */
function looksLikeVersion(candidate: string, text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 120), start);
  if (VERSION_WORD.test(before.slice(-12))) return true;
  const numbers = candidate.split('.').map(Number);
  if (numbers[0] === 10 || numbers.some((value) => value >= VERSION_NUMBER_LIMIT)) return false;
  const word = /(?:^|[^\w.@/:-])([A-Za-z][\w+#-]*)[ \t]+$/.exec(before)?.[1];
  if (word === undefined) return false;
  const lower = word.toLowerCase();
  if (!ADDRESS_WORDS.has(lower)) return true;
  return (lower === 'to' || lower === 'from') && UPGRADE_CLAUSE.test(before);
}

/**
 * IPv6-valid text that is not an address: a C++ scope (`Dec::Add`, `dec::add`: hex letters and no digit,
 * or a call since the match is refused before `(`), a zero-padded group of two or three digits (`00:00:12::`, a
 * time: an address writes `0`, `12` or `0012`), or a first group of one to three decimal digits with no
 * hex letter anywhere (`John 3::16`; real ones start with four digits, `2001:4860::8888`, or `::`).
 */
function looksLikeScopeOrTime(candidate: string): boolean {
  if (!/\d/.test(candidate)) return true;
  const groups = candidate.split(':');
  if (groups.some((group) => /^0[0-9A-Fa-f]{1,2}$/.test(group))) return true;
  const first = groups[0] ?? '';
  return !/[A-Fa-f]/.test(candidate) && first !== '' && first.length < 4;
}

/** A currency or unit right after a signed number makes it an amount, not a phone number (`+12000000 USD`). */
const AMOUNT_UNIT =
  /^ ?(?:[%‰$€£¥]|(?:USD|EUR|GBP|JPY|CHF|CNY|RMB|INR|AUD|CAD|BTC|ETH|dollars?|euros?|pounds?|yen|points?|pts|bps|units?|items?|users?|people|rows?|records?|tokens?|shares?|votes?|bytes?|[KMGT]i?B|ms|seconds?)\b)/i;

/** Common file extensions (none is a top-level domain): `icon@2x.png` is an asset name, not an address. */
const FILE_EXTENSION = /\.(?:png|jpe?g|gif|svg|webp|ico|bmp|pdf|css|js|ts|json|ya?ml|txt|html?)$/i;

export const PII_PATTERNS: readonly PiiPattern[] = [
  {
    type: 'AWS_ACCESS_KEY',
    regex: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
    mayContain: (text) => text.includes('A'),
  },
  {
    type: 'EMAIL',
    // The local part takes Unicode letters, marks and digits (RFC 6531: `josé@`, `müller.anna@`), and so
    // do the domain's labels (IDN: `exämple.de`). The top-level domain is ASCII letters, a punycode `xn--`
    // label or a run of non-ASCII letters (`.рф`); an ASCII one ends at the first non-ASCII letter, so
    // `a@example.com谢谢` stops at `.com`.
    regex:
      /(?<![\p{L}\p{M}\p{N}_.%+-])[\p{L}\p{M}\p{N}_.%+-]+@(?:[\p{L}\p{M}\p{N}-]+\.)+(?:[A-Za-z]{2,63}(?![\w-])|xn--[A-Za-z\d-]{2,59}(?![\w-])|(?![A-Za-z])\p{L}[\p{L}\p{M}]{1,62}(?![\p{L}\p{M}\p{N}_-]))/gu,
    mayContain: (text) => text.includes('@'),
    isValid: (candidate) => !FILE_EXTENSION.test(candidate),
  },
  {
    type: 'SSN',
    // Formatted only (123-45-6789 or 123 45 6789): a bare 9-digit number is far more often an id.
    // Never-issued areas (000, 666, 9xx), group 00 and serial 0000 are refused.
    regex: /(?<![\w-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\w-])/g,
    mayContain: hasDigit,
  },
  {
    type: 'CREDIT_CARD',
    // Contiguous 13..19 digits, or 4-4-4-4 / 4-6-5 / 4-6-4 groups with one consistent separator.
    regex:
      /(?<![\w.,$€£-])(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{4}|\d{4}([ -])\d{6}\2\d{4,5})(?![\w]|[.,]\d)/g,
    mayContain: hasDigit,
    isValid: (candidate) => {
      const digits = candidate.replace(/[ -]/g, '');
      return digits.length >= 13 && digits.length <= 19 && CARD_PREFIX.test(digits) && passesLuhn(digits);
    },
  },
  {
    type: 'IP_ADDRESS',
    regex:
      /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w]|\.\d)/g,
    mayContain: hasDigit,
    isValid: (candidate, text, end) => !looksLikeVersion(candidate, text, end - candidate.length),
  },
  {
    type: 'IP_ADDRESS',
    // Candidates are runs of hex digits and colons with at least two colons; Node's parser decides.
    regex: /(?<![\w:])(?=[0-9A-Fa-f]*:[0-9A-Fa-f]*:)[0-9A-Fa-f:]{2,39}/g,
    mayContain: (text) => text.includes(':'),
    isValid: (candidate, text, end) =>
      !/^[\w:.(]/.test(text.slice(end, end + 1)) &&
      /[0-9A-Fa-f]/.test(candidate) &&
      isIPv6(candidate) &&
      !looksLikeScopeOrTime(candidate),
  },
  {
    type: 'PHONE',
    // E.164: "+" then 8..15 digits, optionally grouped by single spaces, dots, dashes or parentheses.
    // Greedy with no lookahead, so it never backtracks; the digit count and shape are checked afterwards.
    regex: /(?<![\w+])\+[1-9](?:[ .-]?\(?\d+\)?)*/g,
    mayContain: (text) => text.includes('+'),
    isValid: (candidate, text, end) => {
      const digits = candidate.replace(/\(0\)/g, '').replace(/\D/g, '');
      if (digits.length < 8 || digits.length > 15) return false;
      // +1 is NANP: exactly ten more digits, area code and exchange starting with 2..9.
      if (digits.startsWith('1') && !/^1[2-9]\d{2}[2-9]\d{6}$/.test(digits)) return false;
      // Written without any separator, a number needs 10 digits at least (country code included): shorter
      // signed runs are amounts and dates (`+12000000`, `+20240115`), and few countries' numbers are that short.
      if (!/[ .()-]/.test(candidate) && digits.length < 10) return false;
      return !AMOUNT_UNIT.test(text.slice(end, end + 16));
    },
  },
  {
    type: 'PHONE',
    // NANP with separators: (415) 555-0123, 415-555-0123, 415.555.0123, 1-415-555-0123.
    // Area code and exchange start with 2..9. Bare 10-digit runs are not matched (ids, timestamps).
    regex:
      /(?<![\w+.-])(?:1[ .-]?)?(?:\([2-9]\d{2}\)[ .-]?[2-9]\d{2}[ .-]\d{4}|[2-9]\d{2}([ .-])[2-9]\d{2}\1\d{4})(?![\w-]|\.\d)/g,
    mayContain: hasDigit,
  },
];
