/** The shipped fixtures are faithful to GitHub, whose package and version ids are unique across all packages. */
import { FIXTURE_PATHS } from '../../simulator';
import { duplicateIds, readFixture } from '../../simulator/fixture-loader';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

describe('simulator fixtures', () => {
  it.each(Object.keys(FIXTURE_PATHS) as Array<keyof typeof FIXTURE_PATHS>)('%s.json: every package id and every version id is unique', (name) => {
    const fixture = readFixture(FIXTURE_PATHS[name]);
    // Packages written out, or generated with their manifests (quickstart.json: ids the generator gives, unique too).
    const generated = (fixture as { registry?: { generated?: unknown[] } }).registry?.generated?.length ?? 0;
    expect((fixture.packages?.length ?? 0) + generated).toBeGreaterThan(0);
    expect(duplicateIds(fixture)).toEqual([]);
  });

  it('a fixture file that reuses an id is refused, naming the id and the packages', () => {
    const fixture = readFixture(FIXTURE_PATHS.default);
    const [a, b] = fixture.packages!;
    b.id = a.id;
    b.versions[0].id = a.versions[0].id;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-')), 'dup.json');
    fs.writeFileSync(file, JSON.stringify(fixture));
    expect(() => readFixture(file)).toThrow(
      new RegExp(
        `package id ${a.id} is used 2 times \\(${a.owner}/${a.packageType}/${a.name}, ${b.owner}/${b.packageType}/${b.name}\\); version id ${a.versions[0].id} is used 2 times`,
      ),
    );
  });
});
