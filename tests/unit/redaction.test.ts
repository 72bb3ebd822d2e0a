import { redactKnownSecrets, redactKnownSecretsDeep, redactSecrets, registerSecret } from '../../provider/redaction';

/** A classic token of the older format: 40 hex digits, nothing for a pattern to recognise. */
const TOKEN = 'f3a9c0d1e2b4a5968778695a4b3c2d1e0f9a8b7c';

describe('redaction of the token in use, whatever its format', () => {
  beforeAll(() => registerSecret(TOKEN, ['pulumi-github-packages']));

  it('removes the token itself, URL-encoded or not', () => {
    expect(redactSecrets(`bad token ${TOKEN}.`)).toBe('bad token [REDACTED].');
    expect(redactSecrets(`https://docs.github.com/?t=${TOKEN}`)).not.toContain(TOKEN);
  });

  it.each(['pulumi-github-packages', 'x-access-token', 'oauth2', 'ab', 'a', ''])(
    'removes Basic credentials for user "%s" so the token cannot be decoded back',
    (user) => {
      const basic = Buffer.from(`${user}:${TOKEN}`).toString('base64');
      const out = redactSecrets(`Basic ${basic} (echoed)`);
      expect(out).not.toContain(basic);
      const left = out.replace(/^Basic /, '').split(/\[REDACTED\]| /);
      for (const piece of left) expect(Buffer.from(piece, 'base64').toString('latin1')).not.toContain(TOKEN.slice(0, 8));
    },
  );

  it('data keeps names that only look like tokens; messages lose them', () => {
    expect(redactKnownSecrets('package ghp_tools')).toBe('package ghp_tools');
    expect(redactSecrets('package ghp_tools')).toBe('package [REDACTED]');
    expect(redactKnownSecretsDeep({ lines: [`1.0.0-${TOKEN}`], n: 3, [TOKEN]: true })).toEqual({
      lines: ['1.0.0-[REDACTED]'],
      n: 3,
      '[REDACTED]': true,
    });
  });
});
