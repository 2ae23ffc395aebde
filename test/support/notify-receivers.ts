import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "./mail-parser";

/** What a test receiver was sent. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpReceiver {
  url: string;
  mails: ReceivedMail[];
  /** Refuse this recipient with an SMTP reply (450: try later, 550: never; code 0 accepts again). */
  refuseRecipient(address: string, code: number, message: string): void;
  close(): Promise<void>;
}

/** A real SMTP server (smtp-server) on an ephemeral port, keeping what it receives. */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  const refusals = new Map<string, { code: number; message: string }>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = refusals.get(address.address);
      if (refusal && refusal.code > 0)
        callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
          parsed: simpleParser(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    refuseRecipient(address, code, message) {
      refusals.set(address, { code, message });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface HttpReceiver {
  url: string;
  requests: RecordedRequest[];
  /** How to answer each request; the default answers 200. */
  respond: (request: RecordedRequest, res: ServerResponse) => void;
  close(): Promise<void>;
}

/** A plain HTTP server that records every request (Twilio stand-in, webhook receiver). */
export async function startHttpReceiver(): Promise<HttpReceiver> {
  const receiver: HttpReceiver = {
    url: "",
    requests: [],
    respond: (_request, res) => {
      res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    },
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      receiver.requests.push(request);
      receiver.respond(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}`;
  receiver.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return receiver;
}

/** Twilio's Messages API answer for a created message. */
export function twilioMessageResponse(res: ServerResponse, sid: string, to: string, body: string): void {
  res
    .writeHead(201, { "Content-Type": "application/json" })
    .end(
      JSON.stringify({ sid, to, body, status: "queued", date_created: new Date().toUTCString(), num_segments: "1" }),
    );
}
