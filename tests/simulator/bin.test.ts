/**
 * Smoke test of the command-line entry point on the built JavaScript (`npm test` builds first). Skipped with
 * a message when dist/ is missing, e.g. when running jest alone before `npm run build`.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const bin = path.join(__dirname, '../../dist/simulator/bin.js');
const hasBuild = fs.existsSync(bin);
if (!hasBuild) process.stderr.write(`tests/simulator/bin.test.ts: ${bin} missing; run \`npm run build\` to test the CLI.\n`);

(hasBuild ? test : test.skip)('bin prints its URL first, answers 401 with GitHub body, and stops on SIGTERM', async () => {
  const child: ChildProcess = spawn(process.execPath, [bin, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const firstLine = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]);
      });
      child.once('exit', (code) => reject(new Error(`bin exited with ${code}`)));
    });
    const m = /^GitHub Packages API simulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(firstLine);
    expect(m).not.toBeNull();
    const res = await fetch(`${m![1]}/orgs/acme/packages?package_type=container`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest', status: '401' });
    const bad = await fetch(`${m![1]}/_simulator/versions/publish`, { method: 'POST', body: '{oops' });
    expect(bad.status).toBe(400);
    expect((await fetch(`${m![1]}/user`, { headers: { authorization: 'token ghp_sim_admin' } })).status).toBe(200);
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  expect(child.exitCode).toBe(0);
});

(hasBuild ? test : test.skip)(
  "--fixture takes a shipped fixture's name: `quickstart` serves acme/web with a manifest for every version",
  async () => {
    const child: ChildProcess = spawn(process.execPath, [bin, '--port', '0', '--fixture', 'quickstart'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const baseUrl = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
          if (m) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`bin exited with ${code}`)));
      });
      const headers = { authorization: 'token ghp_sim_admin' };
      const versions = (await (await fetch(`${baseUrl}/orgs/acme/packages/container/web/versions?per_page=100`, { headers })).json()) as Array<{
        name: string;
      }>;
      expect(versions).toHaveLength(15); // 5 images: index + linux/amd64 + linux/arm64
      const basic = `Basic ${Buffer.from('octocat:ghp_sim_admin').toString('base64')}`;
      const { token } = (await (await fetch(`${baseUrl}/token?scope=repository:acme/web:pull`, { headers: { authorization: basic } })).json()) as {
        token: string;
      };
      for (const v of versions) {
        const res = await fetch(`${baseUrl}/v2/acme/web/manifests/${v.name}`, {
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json',
          },
        });
        expect([v.name, res.status]).toEqual([v.name, 200]);
      }
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  },
);
