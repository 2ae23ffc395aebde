// The baseline: a bare Node http server that reads the whole body and answers 200.
import { createServer } from "node:http";

const server = createServer((req, res) => {
  req.on("data", () => undefined);
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"id":"00000000000000000000000000000000"}');
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.argv[2]), "127.0.0.1", () => process.send?.("ready"));
