/**
 * The data that flows through the pipeline, in the order it is made:
 * documents (read, cleaned) -> sentences (normalised, segmented) -> index + facts -> answers.
 * Every module exchanges these shapes; none of them carries behaviour.
 */

/** 'hans' = Simplified, 'hant' = Traditional. */
export type Script = 'hans' | 'hant';

/** What the cleaner read from a document's byline / front matter. Every field but id/title is optional. */
export interface DocumentMeta {
  /** Stable id: the file name without extension. */
  id: string;
  title: string;
  /** 原标题, when the page gives one. */
  originalTitle?: string;
  /** 来源: the publishing outlet. */
  source?: string;
  /** 作者/记者: reporter(s) as written, without the role word. */
  author?: string;
  /** 编辑 */
  editor?: string;
  /** 责编 / 责任编辑 */
  responsibleEditor?: string;
  /** ISO 8601: 2021-08-10T09:46 (or 2021-08-19T09:40:53, or a plain date). */
  published?: string;
  /** Script the document is written in (detected). */
  script?: Script;
  /** Path of the file it was read from, relative to the corpus folder. */
  path?: string;
}

/** A cleaned document: metadata plus the article body as paragraphs of verbatim text. */
export interface CorpusDocument {
  meta: DocumentMeta;
  paragraphs: string[];
}

/** One sentence of a document: the unit that is indexed and cited. */
export interface Sentence {
  /** Index into KnowledgeBase.sentences. */
  id: number;
  docId: string;
  /** Paragraph number within the document, and position of the sentence within the whole document. */
  paragraph: number;
  position: number;
  /** Verbatim text, as in the document (shown to users). */
  text: string;
  /** Simplified form used for segmentation and matching. Same length as `text` is NOT guaranteed. */
  simplified: string;
}

export type FactType =
  | 'person'
  | 'date'
  | 'score'
  | 'percentage'
  | 'grade'
  | 'ordinal'
  | 'duration'
  | 'count'
  /** A number with a unit read at question time (86.35亿元, 703例): what no extractor typed. */
  | 'amount'
  | 'place'
  | 'organization'
  | 'list'
  | 'event'
  /** An office or title the text mentions, held by someone named or not (财政司司长, 记者). */
  | 'position';

/**
 * A fact extracted from one sentence. All text fields are in Simplified script (the matching form);
 * the verbatim sentence is kept in `sentence` for citing.
 */
export interface Fact {
  type: FactType;
  /** The fact itself: a name, an ISO date, "97.18%", "106.94分", "优", a place… */
  value: string;
  /** person: titles in order (市委常委; 政法委书记; …). */
  titles?: string[];
  /** person: roles played in the sentence's event (主持, 出席, 讲话, 记者, 编辑…). */
  roles?: string[];
  /** person: organisation/place context of the titles (铁岭, 辽宁省…); position: the organisation written before it. */
  org?: string;
  /** position: the person of the sentence who holds it, when one does. */
  holder?: string;
  /** figures: what is measured (群众满意度, 综合评估). */
  subject?: string;
  /** date: ISO date (also in value); other facts: the date of their sentence's event when known. */
  date?: string;
  /** date / person: the event of the sentence (新闻发布会召开, 动员部署会议召开). */
  event?: string;
  /** list: the enumerated items. */
  items?: string[];
  /** amount: the number it stands for (43102200000000 for 431022亿元; a range's lower end). */
  number?: number;
  /** amount: the unit with its multiplier as written (亿元, 万吨, 美元, 平方公里). */
  unit?: string;
  /** date: the date as written in the sentence (民国96年10月1日, 今(15)日, 下月30日), Simplified; value is its ISO reading. */
  written?: string;
  docId: string;
  sentenceId: number;
  /** Verbatim sentence the fact was read from. */
  sentence: string;
}

/** A cited sentence, with the document details a reader needs to trust it. */
export interface Citation {
  docId: string;
  sentenceId: number;
  title: string;
  source?: string;
  author?: string;
  published?: string;
  /** Verbatim, in the document's own script. */
  sentence: string;
  /** Retrieval score, for ordering and debugging. */
  score?: number;
}

/** who/title/when/where/howmuch/list get a fact; what gets a phrase; yesno/open/unknown get a sentence. */
export type QuestionType = 'who' | 'title' | 'when' | 'where' | 'howmuch' | 'list' | 'what' | 'yesno' | 'open' | 'unknown';

/** The answering core's reply, in the script the user asked in (citations stay verbatim). */
export interface Answer {
  question: string;
  answered: boolean;
  /** The short direct answer; null when the documents do not say. */
  answer: string | null;
  type: QuestionType;
  /** Script of the question; answer, facts and labels are rendered in it. */
  script: Script;
  /** Facts that support the answer (in the user's script). */
  facts: Fact[];
  /** 1-3 supporting sentences (empty when not answered). */
  citations: Citation[];
  /** When not answered: the nearest passages, so the user can judge for themselves. */
  nearest: Citation[];
  /** Machine-readable reason when not answered: 'empty' | 'not-chinese' | 'unknown-terms' | 'weak-match' | 'no-fact'. */
  reason?: string;
  /** When reason is 'unknown-terms': the words of the question the documents never mention. */
  missing?: string[];
  /** The answer policy's calibrated probability that the direct answer is right (0..1), when it scored one. */
  confidence?: number;
}
