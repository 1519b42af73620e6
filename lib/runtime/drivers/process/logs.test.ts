// The app's output as the operator reads it: every replica's lines, tagged, kept after a stop.
import { afterAll, describe, expect, it } from 'vitest';
import type { ReplicaAddress } from '../runtime-driver.ts';
import { ECHO, closeDrivers, collect, followLogs, get, newDriver, nodeApp, output, sleep, spec, until } from './test-fixtures/driver-test-kit.ts';

afterAll(closeDrivers);

const source = `
  console.log('boot ' + process.env.PORT);
  console.error('warn ' + process.env.PORT);
  require('http').createServer((req, res) => {
    if (req.url !== '/healthz') console.log('req ' + req.url);
    res.end('ok');
  }).listen(Number(process.env.PORT), process.env.HOST);`;

describe('ProcessDriver logs', { timeout: 30_000 }, () => {
  it('reads tail, since and follow across replicas, tagged by slot; still readable after remove, until a fresh apply', async () => {
    const driver = newDriver();
    const app = spec({ image: ECHO, command: nodeApp(source), probe: { path: '/healthz', port: 8080 }, replicas: 2 });
    const [one, two] = (await driver.apply(app, () => {})).replicas;
    const [p1, p2] = [one!.address!.port, two!.address!.port];
    const contents = async (options: Parameters<typeof driver.logs>[1] = {}) => (await collect(driver, app.appId, options)).map((l) => l.content);
    // The output arrives through pipes, after the response: wait for each line before the next request.
    const request = async (address: ReplicaAddress | null, path: string) => {
      await get(address!, path);
      await until(() => contents(), (lines) => lines.includes(`req ${path}`), 5_000);
    };

    await until(() => contents(), (lines) => lines.length >= 4, 5_000);
    const all = await collect(driver, app.appId, {});
    expect(all.map((l) => [l.replica, l.stream, l.content])).toEqual(
      expect.arrayContaining([
        ['1', 'stdout', `boot ${p1}`],
        ['1', 'stderr', `warn ${p1}`],
        ['2', 'stdout', `boot ${p2}`],
        ['2', 'stderr', `warn ${p2}`],
      ]),
    );
    const times = all.map((l) => l.timestamp.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));

    await sleep(20);
    const since = new Date();
    await request(one!.address, '/mark-1');
    await request(two!.address, '/mark-2');
    expect((await collect(driver, app.appId, { tail: 2 })).map((l) => [l.replica, l.content])).toEqual([
      ['1', 'req /mark-1'],
      ['2', 'req /mark-2'],
    ]);
    expect(await contents({ since })).toEqual(['req /mark-1', 'req /mark-2']);
    expect(output).toContain(`[app ${app.appId.slice(0, 8)}/2] req /mark-2`);

    const follow = followLogs(driver, app.appId);
    const followed = follow.lines;
    await sleep(100);
    const sent = Date.now();
    await get(two!.address!, '/follow-me');
    await until(() => followed, (f) => f.some((l) => l.content === 'req /follow-me'), 5_000);
    await follow.stop();
    const arrived = followed.find((l) => l.content === 'req /follow-me');
    expect(arrived?.replica).toBe('2');
    expect(arrived!.at - sent).toBeLessThan(1_000);
    expect(followed.map((l) => l.content)).toEqual(['req /follow-me']); // tail 0: nothing from before

    await driver.remove(app.appId);
    const afterRemove = await contents();
    expect(afterRemove).toEqual(expect.arrayContaining([`boot ${p1}`, `boot ${p2}`, 'req /mark-1', 'req /follow-me']));

    // A fresh start begins a fresh log.
    const [again] = (await driver.apply({ ...app, replicas: 1 }, () => {})).replicas;
    const fresh = await until(() => contents(), (lines) => lines.includes(`warn ${again!.address!.port}`), 5_000);
    // stdout and stderr are two pipes: their lines may arrive in either order.
    const expected = [`boot ${again!.address!.port}`, `warn ${again!.address!.port}`];
    expect([...fresh].sort()).toEqual(expected);
    await driver.remove(app.appId);
    expect((await contents({ tail: 2 })).sort()).toEqual(expected);
  });

  it('an app it never ran has no logs; a follow started before the app waits for its first lines', async () => {
    const driver = newDriver();
    const app = spec();
    expect(await collect(driver, app.appId, {})).toEqual([]);
    const abort = new AbortController();
    const first = (async () => {
      for await (const line of driver.logs(app.appId, { follow: true, signal: abort.signal })) return line;
      return null;
    })();
    const [replica] = (await driver.apply(app, () => {})).replicas;
    expect(await first).toMatchObject({ replica: '1', stream: 'stdout', content: `hello-world listening on http://127.0.0.1:${replica!.address!.port}` });
    abort.abort();
  });

  it('close ends every follow', async () => {
    const driver = newDriver();
    const app = spec();
    await driver.apply(app, () => {});
    const following = collect(driver, app.appId, { follow: true });
    await sleep(50);
    await driver.close();
    expect((await following).map((l) => l.content)).toEqual([expect.stringContaining('hello-world listening')]);
  });
});
