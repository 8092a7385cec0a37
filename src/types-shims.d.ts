// Type declarations for dependencies that ship none.
declare module 'nodejieba' {
  interface TaggedWord {
    word: string;
    tag: string;
  }
  const nodejieba: {
    load(options?: { dict?: string; hmmDict?: string; userDict?: string; idfDict?: string; stopWordDict?: string }): void;
    cut(sentence: string, hmm?: boolean): string[];
    cutAll(sentence: string): string[];
    cutHMM(sentence: string): string[];
    cutForSearch(sentence: string, hmm?: boolean): string[];
    cutSmall(sentence: string, limit: number): string[];
    tag(sentence: string): TaggedWord[];
    extract(sentence: string, topN: number): { word: string; weight: number }[];
    insertWord(word: string, tag?: string): boolean;
  };
  export default nodejieba;
}

declare module 'opencc-js' {
  type Locale = 'cn' | 'tw' | 'twp' | 'hk' | 'jp' | 't';
  export function Converter(options: { from: Locale; to: Locale }): (text: string) => string;
}
