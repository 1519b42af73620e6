// Test image: answers requests but ignores SIGTERM, so only SIGKILL stops it.
import http from 'node:http';

const server = http.createServer((req, res) => {
  req.resume();
  res.end('stubborn');
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => console.log('ignoring SIGTERM'));
