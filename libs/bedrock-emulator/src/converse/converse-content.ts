import type { CatalogModel } from '@app/bedrock';
import { EmulatorError } from '../errors/emulator-error';
import { constraintError, requireArray, requireStructure, unionMember } from './converse-validation';

const CONTENT_BLOCK_MEMBERS = [
  'text',
  'image',
  'document',
  'video',
  'audio',
  'toolUse',
  'toolResult',
  'guardContent',
  'cachePoint',
  'reasoningContent',
  'citationsContent',
  'searchResult',
];

/**
 * The text a model reads from one ContentBlock (images, video and tool calls carry none). An image goes
 * only to a model that takes images (`inputModalities`, bedrock-wire.md §8.1 "vision").
 */
export function contentBlockText(model: CatalogModel, block: unknown, field: string): string {
  const [member, value] = unionMember(block, field);
  switch (member) {
    case 'image':
      if (!model.inputModalities.includes('IMAGE')) {
        throw EmulatorError.validation(
          "This model doesn't support the image content block that you provided.",
        );
      }
      return '';
    case 'text':
      return requireText(value, field);
    case 'toolResult':
      return requireArray(
        requireStructure(value, `${field}.toolResult`).content,
        `${field}.toolResult.content`,
      )
        .map((part, index) => toolResultText(part, `${field}.toolResult.content.${index}`))
        .join('\n');
    case 'document':
      return documentText(requireStructure(value, `${field}.document`));
    case 'guardContent':
      return guardText(value);
    default:
      if (!CONTENT_BLOCK_MEMBERS.includes(member)) {
        throw constraintError(field, member, `Member must be one of: [${CONTENT_BLOCK_MEMBERS.join(', ')}]`);
      }
      return '';
  }
}

/** A SystemContentBlock: `{text}`, `{guardContent}` or `{cachePoint}`. */
export function systemBlockText(block: unknown, field: string): string {
  const [member, value] = unionMember(block, field);
  if (member === 'text') return requireText(value, field);
  if (member === 'guardContent') return guardText(value);
  if (member === 'cachePoint') return '';
  throw constraintError(field, member, 'Member must be one of: [text, guardContent, cachePoint]');
}

function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string') throw constraintError(`${field}.text`, value, 'Member must be a string');
  if (value.trim() === '') {
    throw EmulatorError.validation(
      `The text field in the ContentBlock object at ${field} is blank. Add text to the text field, and try again.`,
    );
  }
  return value;
}

function toolResultText(part: unknown, field: string): string {
  const [member, value] = unionMember(part, field);
  if (member === 'text' && typeof value === 'string') return value;
  if (member === 'json') return JSON.stringify(value);
  return '';
}

function documentText(document: Record<string, unknown>): string {
  const source = typeof document.source === 'object' && document.source !== null ? document.source : {};
  return 'text' in source && typeof source.text === 'string' ? source.text : '';
}

function guardText(value: unknown): string {
  if (typeof value !== 'object' || value === null || !('text' in value)) return '';
  const inner = value.text;
  return typeof inner === 'object' && inner !== null && 'text' in inner && typeof inner.text === 'string'
    ? inner.text
    : '';
}
