/** Properties of image-graph retention (fast-check): kept images stay whole, shared children survive, order does not matter. */
import fc from 'fast-check';
import { buildImageGraph } from '../../../provider/planner/image-graph';
import { planImageRetention } from '../../../provider/planner/image-retention';
import { NOW, ago, propertyRuns, resolve } from './helpers';
import { imageOptionsArb, type ImageOptionsSpec } from './image-graph-arbitrary';
import { RepoBuilder } from './image-graph-helpers';

const imageArb = fc.record({
  platforms: fc.integer({ min: 1, max: 4 }),
  attest: fc.boolean(),
  sign: fc.constantFrom('none', 'cosign', 'subject'),
  tagged: fc.boolean(),
  sharePrevious: fc.boolean(),
  missing: fc.integer({ min: 0, max: 3 }),
  ageDays: fc.integer({ min: 0, max: 60 }),
});

type ImageSpec = typeof imageArb extends fc.Arbitrary<infer T> ? T : never;

function build(images: Array<ImageSpec>) {
  const b = new RepoBuilder();
  let previous: string | undefined;
  images.forEach((img, i) => {
    const t = ago(img.ageDays + i / 100);
    const children: Array<{ digest: string; platform?: string; attestationFor?: string }> = [];
    for (let p = 0; p < img.platforms; p++) {
      const digest = b.platform(`${i}/${p}`, t, p >= img.missing);
      children.push({ digest, platform: `arch${p}` });
      if (img.attest) children.push({ digest: b.platform(`${i}/${p}/att`, t), attestationFor: digest });
    }
    if (img.sharePrevious && previous) children.push({ digest: previous, platform: 'shared' });
    previous = children[children.length - 1].digest;
    const index = b.index(children, img.tagged ? [`t${i}`] : [], t);
    if (img.sign === 'cosign') b.cosign(index, `${i}/sig`, t);
    if (img.sign === 'subject') b.referrer(index, `${i}/ref`, t);
  });
  return b;
}

function run(b: RepoBuilder, raw: ImageOptionsSpec, versions = b.versions) {
  const options = resolve({
    packageType: 'container',
    packages: ['app'],
    imageGraph: 'registry',
    maxShareOfPackage: 1,
    ...raw,
    imageCleanup: [...raw.imageCleanup],
    select: raw.select,
  });
  return planImageRetention({ packages: [{ name: 'app', versions, manifests: b.lookup }], options, now: NOW });
}

const repoArb = fc.array(imageArb, { minLength: 1, maxLength: 8 });

describe('image retention properties', () => {
  test('no member of a kept image is ever deleted; shared children survive while any referencing image is kept', () => {
    fc.assert(
      fc.property(repoArb, imageOptionsArb, (images, raw) => {
        const b = build(images);
        const plan = run(b, raw);
        const graph = buildImageGraph(b.versions, b.lookup);
        if (!graph.readable) throw new Error('graph unreadable');
        const deleted = new Set(plan.deletions.map((d) => d.id));
        for (const image of graph.images) {
          if (deleted.has(image.root.id)) continue;
          for (const m of image.members) if (m.version) expect(deleted.has(m.version.id)).toBe(false);
        }
      }),
      propertyRuns(300),
    );
  });

  test('every deletion belongs to an image whose root is deleted in the same run, and deleted images go whole', () => {
    fc.assert(
      fc.property(repoArb, imageOptionsArb, (images, raw) => {
        const b = build(images);
        const plan = run(b, raw);
        const graph = buildImageGraph(b.versions, b.lookup);
        if (!graph.readable) throw new Error('graph unreadable');
        const deleted = new Set(plan.deletions.map((d) => d.id));
        const keptMembers = new Set(graph.images.filter((img) => !deleted.has(img.root.id)).flatMap((img) => img.members.map((m) => m.digest)));
        for (const d of plan.deletions) {
          const owners = graph.images.filter((img) => img.members.some((m) => m.version?.id === d.id));
          expect(owners.length).toBeGreaterThan(0);
          expect(owners.every((img) => deleted.has(img.root.id))).toBe(true);
        }
        for (const image of graph.images) {
          if (!deleted.has(image.root.id)) continue;
          for (const m of image.members) if (m.version && !keptMembers.has(m.digest)) expect(deleted.has(m.version.id)).toBe(true);
          // Root first: the root is planned before each of its members.
          const order = plan.deletions.map((d) => d.id);
          for (const m of image.members.slice(1))
            if (m.version && deleted.has(m.version.id)) expect(order.indexOf(image.root.id)).toBeLessThan(order.indexOf(m.version.id));
        }
        expect(plan.deletions.length).toBeLessThanOrEqual(raw.maxDeletionsPerRun);
      }),
      propertyRuns(300),
    );
  });

  test('results are independent of listing order', () => {
    fc.assert(
      fc.property(repoArb, imageOptionsArb, fc.integer(), (images, raw, seed) => {
        const b = build(images);
        const shuffled = [...b.versions];
        let s = seed;
        for (let i = shuffled.length - 1; i > 0; i--) {
          s = (s * 1103515245 + 12345) | 0;
          const j = Math.abs(s) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        const a = run(b, raw);
        const c = run(b, raw, shuffled);
        expect(c.deletions).toEqual(a.deletions);
        expect(c.packages).toEqual(a.packages);
        expect(c.images).toEqual(a.images);
        expect(c.warnings).toEqual(a.warnings);
      }),
      propertyRuns(200),
    );
  });
});
