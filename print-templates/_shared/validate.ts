import type { z } from 'zod';
import { describeIssues } from './schema';

/** Thrown when template data fails its schema; `issues` lists one "path: message" per field. */
export class TemplateDataError extends Error {
  override readonly name = 'TemplateDataError';
  constructor(
    readonly templateId: string,
    readonly issues: string[],
  ) {
    super(`数据校验失败 / invalid data for template ${templateId}:\n  ${issues.join('\n  ')}`);
  }
}

/** Validates data against a template's schema (A4 or receipt); throws TemplateDataError. */
export function parseTemplateData<S extends z.ZodType>(
  template: { id: string; schema: S },
  raw: unknown,
): z.output<S> {
  const parsed = template.schema.safeParse(raw);
  if (!parsed.success) throw new TemplateDataError(template.id, describeIssues(parsed.error));
  return parsed.data;
}
