import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * What nodes tell each other about one room over its Redis channel. Every frame carries the sender's
 * node id, its per-node-per-room sequence number (`seq`, so a receiver notices a dropped frame) and its
 * durability watermark (`durable`: every document update it published with seq ≤ this is in Postgres,
 * so a receiver that missed one can fetch it from there).
 */
export type ClusterFrame =
  | (FrameHeader & { kind: 'update'; update: Uint8Array })
  | (FrameHeader & { kind: 'awareness'; update: Uint8Array })
  | (FrameHeader & { kind: 'event'; service: string; name: string; body: string })
  /** Carries only the header: a newer watermark, or "here I am" after a reconnect. */
  | (FrameHeader & { kind: 'mark' });

export interface FrameHeader {
  node: string;
  seq: number;
  durable: number;
}

const KINDS = ['update', 'awareness', 'event', 'mark'] as const;

export function encodeFrame(frame: ClusterFrame): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, KINDS.indexOf(frame.kind));
  encoding.writeVarString(encoder, frame.node);
  encoding.writeVarUint(encoder, frame.seq);
  encoding.writeVarUint(encoder, frame.durable);
  switch (frame.kind) {
    case 'update':
    case 'awareness':
      encoding.writeVarUint8Array(encoder, frame.update);
      break;
    case 'event':
      encoding.writeVarString(encoder, frame.service);
      encoding.writeVarString(encoder, frame.name);
      encoding.writeVarString(encoder, frame.body);
      break;
    case 'mark':
      break;
  }
  return encoding.toUint8Array(encoder);
}

/** The frame, or null for bytes that are not one (another program on the channel, a newer version). */
export function decodeFrame(bytes: Uint8Array): ClusterFrame | null {
  try {
    const decoder = decoding.createDecoder(bytes);
    const kind = KINDS[decoding.readVarUint(decoder)];
    const header: FrameHeader = {
      node: decoding.readVarString(decoder),
      seq: decoding.readVarUint(decoder),
      durable: decoding.readVarUint(decoder),
    };
    switch (kind) {
      case 'update':
      case 'awareness':
        return { ...header, kind, update: decoding.readVarUint8Array(decoder) };
      case 'event':
        return {
          ...header,
          kind,
          service: decoding.readVarString(decoder),
          name: decoding.readVarString(decoder),
          body: decoding.readVarString(decoder),
        };
      case 'mark':
        return { ...header, kind };
      default:
        return null;
    }
  } catch {
    return null;
  }
}
