// Built-in image `tollgate/echo`: returns the request it received as JSON { method, path, headers, body },
// and its environment (`env`) so an operator can check what the app was deployed with.
// It also sets a cookie and a header of its own so tests can check they pass through the gateway.
import http from 'node:http';
import { runServer } from './run-server.mjs';

const server = http.createServer((req, res) => {
  // One line per request, like any web server's access log: the app's output is what its logs show.
  console.log(`${req.method} ${req.url}`);
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const payload = JSON.stringify({
      method: req.method,
      path: req.url,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      env: process.env,
    });
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(payload),
      'set-cookie': 'echo_seen=1; Path=/',
      'x-echo-app': '1',
    });
    res.end(payload);
  });
});

runServer('echo', server);
