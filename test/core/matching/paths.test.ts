import { describe, expect, it } from 'vitest';
import { type PathComponent, pathsTo } from '../../../src/core/matching/paths.js';

const path = (components: PathComponent[], target: string) => pathsTo(components, [target]).get(target);

describe('paths from a top-level component', () => {
  it('follows nesting up to the outermost component', () => {
    const components = [
      { ref: 'device' },
      { ref: 'reporting', parentRef: 'device' },
      { ref: 'log4j-core', parentRef: 'reporting' },
    ];
    expect(path(components, 'log4j-core')).toEqual(['device', 'reporting', 'log4j-core']);
  });

  it('follows dependency edges backwards, from the dependent to its dependency', () => {
    const components = [
      { ref: 'app', dependsOn: ['spring-boot'] },
      { ref: 'spring-boot', dependsOn: ['spring-beans'] },
      { ref: 'spring-beans' },
    ];
    expect(path(components, 'spring-beans')).toEqual(['app', 'spring-boot', 'spring-beans']);
  });

  it('mixes nesting and dependencies in one chain', () => {
    const components = [
      { ref: 'firmware' },
      { ref: 'web-ui', parentRef: 'firmware', dependsOn: ['lodash'] },
      { ref: 'lodash' },
    ];
    expect(path(components, 'lodash')).toEqual(['firmware', 'web-ui', 'lodash']);
  });

  it('takes the shortest chain when there are several', () => {
    const components = [
      { ref: 'root', dependsOn: ['a', 'openssl'] },
      { ref: 'a', dependsOn: ['b'] },
      { ref: 'b', dependsOn: ['openssl'] },
      { ref: 'openssl' },
    ];
    expect(path(components, 'openssl')).toEqual(['root', 'openssl']);
  });

  it('answers the component alone when it is itself top-level', () => {
    expect(path([{ ref: 'root', dependsOn: ['x'] }, { ref: 'x' }], 'root')).toEqual(['root']);
  });

  it('cuts cycles, still reaching the top-level component above them', () => {
    const components = [
      { ref: 'root', dependsOn: ['a'] },
      { ref: 'a', dependsOn: ['b'] },
      { ref: 'b', dependsOn: ['a', 'c'] },
      { ref: 'c', dependsOn: ['c'] },
    ];
    expect(path(components, 'c')).toEqual(['root', 'a', 'b', 'c']);
  });

  it('starts the chain at the target itself when every ancestor sits on a cycle', () => {
    const components = [{ ref: 'a', dependsOn: ['b'] }, { ref: 'b', dependsOn: ['a', 'c'] }, { ref: 'c' }];
    expect(path(components, 'c')).toEqual(['c']);
  });

  it('ignores refs that name no component, and leaves unknown targets out', () => {
    const components = [
      { ref: 'root', dependsOn: ['lib', 'ghost'] },
      { ref: 'lib', parentRef: 'missing-parent' },
      { ref: 'orphan', parentRef: 'missing-parent' },
    ];
    const paths = pathsTo(components, ['lib', 'orphan', 'nowhere']);
    expect([...paths.keys()]).toEqual(['lib', 'orphan']);
    expect(paths.get('lib')).toEqual(['root', 'lib']);
    expect(paths.get('orphan')).toEqual(['orphan']);
  });

  it('answers every target asked for at once', () => {
    const components = [{ ref: 'root', dependsOn: ['a', 'b'] }, { ref: 'a' }, { ref: 'b', parentRef: 'a' }];
    expect(pathsTo(components, ['a', 'b'])).toEqual(
      new Map([
        ['a', ['root', 'a']],
        ['b', ['root', 'b']],
      ]),
    );
  });
});
