// Built-in image `infrastructureascode/hello-world`: answers "Hello, World!" to every request, like the real image.
import http from 'node:http';
import { runServer } from './run-server.mjs';

const body = 'Hello, World!';

const server = http.createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});

runServer('hello-world', server);
