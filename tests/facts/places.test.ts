import { describe, expect, it } from 'vitest';
import { discoverPlaces, findPlaces, mainPlaces, placeLevel, placeStem } from '../../src/facts/places.js';
import { findOrganizations } from '../../src/facts/organizations.js';

describe('places', () => {
  it('discovers places from ns tags, the lexicon and administrative suffixes', () => {
    expect([...discoverPlaces('全省科技大会在合肥召开。')]).toEqual(['合肥']);
    expect([...discoverPlaces('湖南省人民政府发布通知')]).toContain('湖南');
    expect([...discoverPlaces('巴中市委常委何平宣读决定')]).toEqual(['巴中']);
    expect([...discoverPlaces('总结攀枝花市脱贫经验')]).toEqual(['攀枝花']);
    expect([...discoverPlaces('专家走进石桥镇开展义诊')]).toEqual(['石桥镇']);
    expect([...discoverPlaces('推进城乡一体化和小城镇建设')]).toEqual([]);
  });

  it('does not take generic words or jieba ns noise for places', () => {
    expect([...discoverPlaces('全市各区县群众满意度明显提升，法治化水平提高。')]).toEqual([]);
    expect([...discoverPlaces('城市社区和开发区的超市')]).toEqual([]);
  });

  it('placeStem strips 省/市 but keeps 县/区 names', () => {
    expect(placeStem('湖南省')).toBe('湖南');
    expect(placeStem('长沙市')).toBe('长沙');
    expect(placeStem('浦东新区')).toBe('浦东新区');
    expect(placeStem('合肥')).toBe('合肥');
  });

  it('findPlaces finds known stems without overlaps', () => {
    expect(findPlaces('湖南长沙：长沙县召开会议', ['长沙', '湖南', '长沙县']).map((p) => [p.place, p.index])).toEqual([
      ['湖南', 0],
      ['长沙', 2],
      ['长沙县', 5],
    ]);
  });

  it('placeLevel and mainPlaces', () => {
    expect(placeLevel('湖南')).toBe('province');
    expect(placeLevel('攀枝花', ['攀枝花市召开会议'])).toBe('city');
    expect(placeLevel('某地')).toBeUndefined();
    expect(mainPlaces('攀枝花推进乡村振兴', '攀枝花市委召开会议，四川省领导出席。', ['攀枝花', '四川'], ['攀枝花市委'])).toEqual({ city: '攀枝花' });
    expect(mainPlaces('乡村振兴稳步推进', '会议在成都召开。', ['成都'])).toEqual({});
  });
});

describe('organizations', () => {
  it('reads organisation names ending in a suffix, with their place/level prefix', () => {
    expect(findOrganizations('县人民法院、县人民检察院、县公安局有关负责人参加会议。').map((o) => o.name)).toEqual(['县人民法院', '县人民检察院', '县公安局']);
    expect(findOrganizations('在省委第二巡视组指导下开展工作').map((o) => o.name)).toEqual(['省委第二巡视组']);
    expect(findOrganizations('市安委会办公室召开第三次会议').map((o) => o.name)).toEqual(['市安委会办公室']);
    expect(findOrganizations('据湖南日报报道').map((o) => o.name)).toEqual(['湖南日报']);
  });

  it('leaves out generic names and jieba nt noise', () => {
    expect(findOrganizations('各有关部门和办公室要落实市委统一安排')).toEqual([]);
    expect(findOrganizations('以人民为中心')).toEqual([]);
    expect(findOrganizations('全市法院共审结案件356件')).toEqual([]);
  });
});
