import type { CatalogModel } from '@app/bedrock';
import { EmulatorError } from '../errors/emulator-error';
import {
  constraintError,
  readEnum,
  readPatternString,
  requireArray,
  requireStructure,
  unionMember,
} from './converse-validation';

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
const IMAGE_FORMATS = ['png', 'jpeg', 'gif', 'webp'];
const TOOL_RESULT_STATUSES = ['success', 'error'];
const TOOL_USE_ID = '[a-zA-Z0-9_.:-]{1,64}';

/**
 * The text a model reads from one ContentBlock (images, video and tool calls carry none). An image goes
 * only to a model that takes images (`inputModalities`, bedrock-wire.md §8.1 "vision").
 */
export function contentBlockText(model: CatalogModel, block: unknown, field: string): string {
  const [member, value] = unionMember(block, field);
  switch (member) {
    case 'image':
      readEnum(
        requireStructure(value, `${field}.image`).format,
        `${field}.image.format`,
        IMAGE_FORMATS,
        true,
      );
      if (!model.inputModalities.includes('IMAGE')) {
        throw EmulatorError.validation(
          "This model doesn't support the image content block that you provided.",
        );
      }
      return '';
    case 'text':
      return requireText(value, field);
    case 'toolUse':
      checkToolUse(requireStructure(value, `${field}.toolUse`), `${field}.toolUse`);
      return '';
    case 'toolResult':
      return toolResultText(requireStructure(value, `${field}.toolResult`), `${field}.toolResult`);
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

/** ToolUseBlock (§3.1): a `toolUseId` of 1–64 `[a-zA-Z0-9_.:-]` and a non-empty `name`, both required. */
function checkToolUse(toolUse: Record<string, unknown>, field: string): void {
  requireToolUseId(toolUse.toolUseId, `${field}.toolUseId`);
  const name = toolUse.name;
  if (name === undefined || name === null)
    throw constraintError(`${field}.name`, name, 'Member must not be null');
  if (typeof name !== 'string') throw constraintError(`${field}.name`, name, 'Member must be a string');
  if (name === '') {
    throw constraintError(`${field}.name`, name, 'Member must have length greater than or equal to 1');
  }
}

/**
 * ToolResultBlock (§3.1): the id of the call it answers, its content blocks, `status` success|error. No
 * minimum on `content`: neither §3.1 nor the SDK's model sets one, so an empty list is not refused here.
 */
function toolResultText(toolResult: Record<string, unknown>, field: string): string {
  requireToolUseId(toolResult.toolUseId, `${field}.toolUseId`);
  readEnum(toolResult.status, `${field}.status`, TOOL_RESULT_STATUSES);
  const content = requireArray(toolResult.content, `${field}.content`);
  return content.map((part, index) => toolResultPartText(part, `${field}.content.${index}`)).join('\n');
}

function requireToolUseId(value: unknown, field: string): void {
  if (readPatternString(value, field, TOOL_USE_ID) === undefined) {
    throw constraintError(field, value, 'Member must not be null');
  }
}

function toolResultPartText(part: unknown, field: string): string {
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
