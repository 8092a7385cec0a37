/**
 * Answer-span extraction: the shortest stretch of a sentence that answers a question whose answer is
 * not an extracted fact (什么形式, 哪种方式, Wikipedia-style questions).
 * PROVISIONAL: no span until the aligner lands; callers fall back to the whole sentence.
 */
import type { QuestionType } from '../types.js';

/**
 * @param question the question in matching form (Simplified, half-width)
 * @param sentence the candidate sentence in matching form
 * @returns the span as it appears in `sentence`, or null when no confident span is found
 */
export function extractSpan(question: string, sentence: string, type: QuestionType): string | null {
  void question;
  void sentence;
  void type;
  return null;
}
