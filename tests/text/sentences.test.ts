import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/sentences.js';

describe('splitSentences', () => {
  it('splits on Chinese terminators and keeps decimals whole', () => {
    expect(splitSentences('满意度为97.18%；评估得分106.94分。下一句！最后？')).toEqual([
      '满意度为97.18%；',
      '评估得分106.94分。',
      '下一句！',
      '最后？',
    ]);
  });

  it('keeps a closing quote with its sentence', () => {
    expect(splitSentences('他说：“我们会做好。”然后离开了。')).toEqual(['他说：“我们会做好。”', '然后离开了。']);
  });

  it('does not split inside quotes unless the quote closes', () => {
    expect(splitSentences('标语“安全第一。质量第二”挂在墙上。')).toEqual(['标语“安全第一。质量第二”挂在墙上。']);
  });

  it('splits on line breaks and ellipses', () => {
    expect(splitSentences('第一行\n第二行……第三行')).toEqual(['第一行', '第二行……', '第三行']);
  });

  it('does not split ASCII semicolons inside code-like runs', () => {
    expect(splitSentences('运行 a;b 命令。')).toEqual(['运行 a;b 命令。']);
  });
});
