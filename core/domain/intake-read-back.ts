import type { Templates } from '../text/templates.js';
import { maskPhone } from '../understanding/rules/phones.js';
import type { Draft } from './draft.js';
import { describeAttachments } from './intake-attachments.js';
import { isConfidential } from './intake-fields.js';

/** What the bot understood, field by field, for the resident to check before filing. */
export function readBack(draft: Draft, templates: Pick<Templates, 'readBackConfidential'>): string {
  const lines = [
    `问题：${draft.title ?? draft.description.slice(0, 30)}`,
    `地点：${draft.location?.text ?? '（无）'}`,
    `电话：${draft.phone ? maskPhone(draft.phone) : '未留'}`,
  ];
  if (draft.name) lines.push(`称呼：${draft.name}`);
  if (draft.category) lines.push(`类别：${draft.category}`);
  if (draft.attachments.length) {
    lines.push(`附件：${draft.attachments.length} 个（${describeAttachments(draft.attachments)}）`);
  }
  if (isConfidential(draft)) lines.push(templates.readBackConfidential);
  return lines.join('\n');
}
