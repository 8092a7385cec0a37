/**
 * Is a text Chinese, or Japanese / Korean written with some Han characters?
 * Japanese shares the Han characters (会議, 誰) and Traditional-to-Simplified conversion turns it into
 * plausible Chinese (会议, 谁), so a Japanese question would be answered as if it were Chinese.
 * What Chinese never writes outside quotation marks is kana grammar (を, は, ですか) and Hangul.
 *
 * The measure is the share of kana/Hangul among the letters outside quotation marks:
 * - text inside 「」『』《》〈〉“”"" is left out: a Chinese question may quote a Japanese title or name
 *   (谁主持了「ミライ」会议？);
 * - each hiragana and each Hangul syllable counts as one letter: they spell grammar and words;
 * - a run of katakana counts as one letter whatever its length: katakana spells loanwords and foreign
 *   names, which Chinese text also carries unquoted (ソードアート・オンライン的作者是谁) — one name, one unit;
 * - ・ and ー alone are no kana: Chinese writes 迈克尔・乔丹 with the katakana middle dot.
 */

/** Quoted passages, left out of the measure. */
const QUOTED = /「[^」]*」|『[^』]*』|《[^》]*》|〈[^〉]*〉|“[^”]*”|"[^"]*"|‘[^’]*’/g;
const HAN = /\p{Script=Han}/u;
const HIRAGANA = /[\u3041-\u309f]/;
const HANGUL = /\p{Script=Hangul}/u;
/** Katakana letters (full- and half-width), not the middle dot ・/･ or the length mark ー/ｰ alone. */
const KATAKANA_LETTER = /[\u30a1-\u30fa\u30fd-\u30ff\u31f0-\u31ff\uff66-\uff6f\uff71-\uff9d]/;
/** What continues a katakana run: letters, the middle dot, the length mark, sound marks. */
const KATAKANA_RUN = /[\u30a1-\u30ff\u31f0-\u31ff\uff65-\uff9f]/;

/**
 * Share of kana/Hangul at or above which a text is Japanese or Korean, not Chinese.
 * Not fitted (no Japanese or Korean questions are among the tuning splits); set between the two kinds
 * of text it separates: the most Han-heavy Japanese questions carry two particles for six Han
 * characters (会議の主宰者は誰？ = 2/8 = 0.25; ordinary Japanese is over 0.5), while Chinese carries kana
 * only as a quoted or unquoted name (one unit among five or more Han characters, <= 1/6). Checked on
 * the Chinese questions of the tuning splits (see tests/text/language.test.ts): none reaches it.
 */
export const FOREIGN_KANA_SHARE = 0.2;

/** Share of kana/Hangul units among the letters outside quotation marks (0 for a text without any). */
export function kanaShare(text: string): number {
  const outside = text.replace(QUOTED, ' ');
  let han = 0;
  let foreign = 0;
  let inKatakana = false;
  for (const ch of outside) {
    if (KATAKANA_RUN.test(ch)) {
      if (!inKatakana && KATAKANA_LETTER.test(ch)) {
        foreign++;
        inKatakana = true;
      }
      continue;
    }
    inKatakana = false;
    if (HIRAGANA.test(ch) || HANGUL.test(ch)) foreign++;
    else if (HAN.test(ch)) han++;
  }
  return han + foreign === 0 ? 0 : foreign / (han + foreign);
}

/** True when the text is Japanese or Korean rather than Chinese (see FOREIGN_KANA_SHARE). */
export function isJapaneseOrKorean(text: string): boolean {
  return kanaShare(text) >= FOREIGN_KANA_SHARE;
}
