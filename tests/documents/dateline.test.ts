import { describe, expect, it } from 'vitest';
import { parseDateline } from '../../src/documents/clean.js';

describe('parseDateline', () => {
  it('reads a wire dateline alone on its line: date-time, agency, reporter glued to the place', () => {
    expect(parseDateline('2023/07/05 09:10　中央社記者王美玲高雄5日電')).toEqual({
      fields: { published: '2023-07-05T09:10', source: '中央社', author: '王美玲' },
      rest: '',
    });
    // Several reporters, an unknown place (split by length), a 專電, a four-character name and a known place.
    expect(parseDateline('中央社記者林小如、吳大同宜蘭5日電')?.fields).toEqual({ source: '中央社', author: '林小如、吳大同' });
    expect(parseDateline('中央社記者周書文布拉格4日專電')?.fields).toEqual({ source: '中央社', author: '周書文' });
    expect(parseDateline('中央社記者司馬相如台中5日電')?.fields).toEqual({ source: '中央社', author: '司馬相如' });
    expect(parseDateline('中央社駐東京特派員黃小芬東京5日專電')?.fields).toEqual({ source: '中央社', author: '黃小芬' });
    expect(parseDateline('新华社记者 周一 上海3月2日电')?.fields).toEqual({ source: '新华社', author: '周一' });
  });

  it('keeps what follows the dateline as the article, with the credit read and removed', () => {
    expect(parseDateline('新华社上海3月2日电（记者 李明 通讯员 赵六）上海市今天发布新规。')).toEqual({
      fields: { source: '新华社', author: '李明' },
      rest: '上海市今天发布新规。',
    });
    expect(parseDateline('（中央社記者王美玲高雄5日電）高雄市政府今天表示，將擴大補助。')).toEqual({
      fields: { source: '中央社', author: '王美玲' },
      rest: '高雄市政府今天表示，將擴大補助。',
    });
    expect(parseDateline('中新网广州3月2日电 (记者 吴二)广州今天发布通告。')?.rest).toBe('广州今天发布通告。');
  });

  it('reads the paper itself (本报, 本台) as no source', () => {
    expect(parseDateline('本报讯（记者 孙芳 通讯员 钱七）')).toEqual({ fields: { author: '孙芳' }, rest: '' });
    expect(parseDateline('本報訊（通訊員 錢七）昨日舉行典禮。')).toEqual({ fields: {}, rest: '昨日舉行典禮。' });
    expect(parseDateline('本台消息')).toBeNull();
    expect(parseDateline('本报广州3月1日电　近日，某校举行典礼。')).toEqual({ fields: {}, rest: '近日，某校举行典礼。' });
  });

  it('takes published only from a full date before the dateline', () => {
    expect(parseDateline('新华社北京3月2日电')?.fields.published).toBeUndefined();
    expect(parseDateline('2022年3月2日 新华社北京3月2日电')?.fields.published).toBe('2022-03-02');
  });

  it('leaves a bracket after the dateline that is not a credit in the article', () => {
    expect(parseDateline('新华社北京3月2日电（记者会另行安排）国务院召开会议。')).toEqual({
      fields: { source: '新华社' },
      rest: '（记者会另行安排）国务院召开会议。',
    });
  });

  it('does not take sentences or dates for datelines', () => {
    for (const line of [
      '公司网5月6日电价调整，居民用电不受影响。',
      '3月2日，某某市召开会议。',
      '2022年3月2日，新华社发布消息。',
      '2022/03/02 10:00　來源：中央社',
      '（中央社記者王美玲高雄5日電', // bracket never closed
      '台北5日電',
    ]) {
      expect(parseDateline(line), line).toBeNull();
    }
  });
});
