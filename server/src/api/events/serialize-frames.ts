import type { ApiFrame, ApiStacktrace } from "@faultline/core";
import { integer, list, nonEmptyRecord, record, text, type Json } from "./json";

/**
 * Sentry's `get_context`: pre_context, context_line and post_context as `[line, text]` pairs,
 * numbered from the frame's line. Nothing without a line number or any source.
 */
export function sourceContext(frame: Json, lineNo: number | null): [number, string | null][] {
  const pre = list(frame.pre_context).map(lineText);
  const post = list(frame.post_context).map(lineText);
  const current = text(frame.context_line);
  if (lineNo === null || (current === null && pre.length === 0 && post.length === 0)) return [];
  const start = lineNo - pre.length;
  return [
    ...pre.map((line, index): [number, string | null] => [start + index, line]),
    [lineNo, current],
    ...post.map((line, index): [number, string | null] => [lineNo + 1 + index, line]),
  ];
}

function lineText(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** Sentry's `to_hex_addr`: integers and decimal strings become `0x…`; hex strings stay. */
function hexAddress(value: unknown): string | null {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return `0x${value.toString(16)}`;
  if (typeof value !== "string" || value === "") return null;
  if (/^0x[0-9a-f]+$/i.test(value)) return `0x${value.slice(2).toLowerCase()}`;
  return /^\d+$/.test(value) ? `0x${BigInt(value).toString(16)}` : value;
}

/** Sentry pads every address of a stack trace to the longest one's width. */
function padAddress(address: string | null, width: number | null): string | null {
  if (address === null || width === null || !address.startsWith("0x")) return address;
  return `0x${address.slice(2).padStart(width, "0")}`;
}

function longestAddress(frames: Json[]): number | null {
  let longest: number | null = null;
  for (const frame of frames) {
    for (const field of ["instruction_addr", "symbol_addr"]) {
      const address = hexAddress(frame[field]);
      if (address?.startsWith("0x")) longest = Math.max(longest ?? 0, address.length - 2);
    }
  }
  return longest;
}

export function serializeFrame(frame: Json, addressWidth: number | null = null): ApiFrame {
  const lineNo = integer(frame.lineno);
  const out: ApiFrame = {
    filename: text(frame.filename),
    absPath: text(frame.abs_path),
    module: text(frame.module),
    package: text(frame.package),
    platform: text(frame.platform),
    instructionAddr: padAddress(hexAddress(frame.instruction_addr), addressWidth),
    symbolAddr: padAddress(hexAddress(frame.symbol_addr), addressWidth),
    function: text(frame.function),
    rawFunction: text(frame.raw_function),
    symbol: text(frame.symbol),
    context: sourceContext(frame, lineNo),
    lineNo,
    colNo: integer(frame.colno),
    inApp: frame.in_app === true,
    trust: text(frame.trust),
    errors: Array.isArray(frame.errors) ? frame.errors : null,
    lock: record(frame.lock) ?? null,
    // Sentry links frames to code through its source-code integrations, which Faultline has not.
    sourceLink: null,
    vars: nonEmptyRecord(frame.vars),
  };
  const addrMode = text(frame.addr_mode);
  if (addrMode && addrMode !== "abs") out.addrMode = addrMode;
  const imageAddr = hexAddress(frame.image_addr);
  if (imageAddr !== null) out.imageAddr = padAddress(imageAddr, addressWidth) ?? imageAddr;
  const status = text(record(frame.data)?.symbolicator_status);
  if (status) out.symbolicatorStatus = status;
  return out;
}

/** Sentry's `Stacktrace.get_api_context`, or null for anything that is not a stack trace. */
export function serializeStacktrace(value: unknown): ApiStacktrace | null {
  const stacktrace = record(value);
  if (!stacktrace) return null;
  const frames = list(stacktrace.frames).flatMap((frame) => {
    const found = record(frame);
    return found ? [found] : [];
  });
  const width = longestAddress(frames);
  return {
    frames: frames.map((frame) => serializeFrame(frame, width)),
    framesOmitted: stacktrace.frames_omitted ?? null,
    registers: nonEmptyRecord(stacktrace.registers),
    hasSystemFrames: frames.some((frame) => frame.in_app === true),
  };
}
