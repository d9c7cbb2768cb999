/**
 * 培训 — 无效 / TRAINING — NOT VALID across every printed document (and so every PDF copy,
 * which prints the same sheet) while training mode is on. Rendered inside the document's
 * `.print-area` sheet (documents/parts.tsx Sheet); on paper it is fixed, so it repeats on each page.
 */
import { TRAINING_WATERMARK_TEXT, isTrainingCase } from '@core/training/isolation';
import { isTrainingMode } from '../store/db';
import './print-watermark.css';

export function PrintWatermark({ training }: { training?: unknown }) {
  if (!isTrainingMode() && !(training !== undefined && isTrainingCase(training))) return null;
  return (
    <div className="doc-training-watermark" aria-hidden="true" data-testid="print-watermark">
      <span>{TRAINING_WATERMARK_TEXT}</span>
      <span>{TRAINING_WATERMARK_TEXT}</span>
      <span>{TRAINING_WATERMARK_TEXT}</span>
    </div>
  );
}
