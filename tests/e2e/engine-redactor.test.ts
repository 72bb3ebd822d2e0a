// The engine harness masks secrets in what it writes and reports where they appeared (a product leak).
import { REDACTED, Redactor, StreamRedactor } from '../../scripts/engine/redactor';

const TOKEN = 'ghp_0123456789abcdefSECRET';

describe('Redactor', () => {
  test('masks a secret in nested JSON and reports each place it was found', () => {
    const r = new Redactor([TOKEN]);
    const { value, findings } = r.redactJson({ ops: [{ stdout: `token=${TOKEN}`, error: { message: 'fine' } }], [TOKEN]: 1 }, 'results');
    expect(JSON.stringify(value)).not.toContain(TOKEN);
    expect(value.ops[0].stdout).toBe(`token=${REDACTED}`);
    expect(findings).toEqual(['results.ops[0].stdout', 'results{key}']);
  });

  test('leaves text alone and finds nothing when no secret occurs', () => {
    const r = new Redactor([TOKEN, '']);
    expect(r.redactJson({ a: 'plain' }, '')).toEqual({ value: { a: 'plain' }, findings: [] });
  });
});

describe('StreamRedactor', () => {
  test('masks a secret split across chunks at every position', () => {
    const text = `before ${TOKEN} middle ${TOKEN} after`;
    for (let cut = 0; cut <= text.length; cut += 1) {
      const s = new StreamRedactor(new Redactor([TOKEN]), [TOKEN]);
      const out = s.push(text.slice(0, cut)) + s.push(text.slice(cut)) + s.end();
      expect(out).toBe(`before ${REDACTED} middle ${REDACTED} after`);
      expect(s.found).toBe(true);
    }
  });

  test('passes text through unchanged (eventually) when it holds no secret', () => {
    const s = new StreamRedactor(new Redactor([TOKEN]), [TOKEN]);
    expect(s.push('hello ') + s.push('world') + s.end()).toBe('hello world');
    expect(s.found).toBe(false);
  });
});
