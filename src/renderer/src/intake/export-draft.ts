import type { IntakeCase } from '@core/intake/case';
import { getHost } from '../platform/host';

/** Saves the draft as a JSON file where the clerk chooses (the way out when the disk is full). */
export async function exportDraft(c: IntakeCase): Promise<boolean> {
  return getHost().saveTextFile({
    suggestedName: `draft-${c.id}.json`,
    text: JSON.stringify(c, null, 2),
    mimeType: 'application/json',
  });
}
