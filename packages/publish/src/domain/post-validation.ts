import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import type { Media, Platform } from './types.js';

/** Caption/commentary limits of each platform, checked before anything is queued. */
const MAX_TEXT: Record<Platform, number> = { facebook: 63_206, instagram: 2_200, linkedin: 3_000 };
const MAX_MEDIA: Record<Platform, number> = { facebook: 10, instagram: 10, linkedin: 0 };
/** How far in the past a schedule time may be (clock skew, slow forms) and still mean "now". */
export const PAST_TOLERANCE_MS = 60_000;

function bad(message: string): EnsembleError {
  return new EnsembleError(ErrorCode.BadRequest, message);
}

export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw bad(`timeZone "${timeZone}" is not an IANA time zone (e.g. Europe/Paris)`);
  }
}

export function assertScheduleTime(at: Date, now: Date): void {
  if (at.getTime() < now.getTime() - PAST_TOLERANCE_MS) {
    throw bad(`scheduledAt ${at.toISOString()} is in the past`);
  }
}

/** What each platform adapter can actually publish, so the failure happens now, not at post time. */
export function assertPublishable(platform: Platform, content: string, media: readonly Media[]): void {
  if (content.length > MAX_TEXT[platform]) {
    throw bad(`content is ${content.length} characters; ${platform} allows ${MAX_TEXT[platform]}`);
  }
  if (media.length > MAX_MEDIA[platform]) {
    throw bad(
      platform === 'linkedin'
        ? 'media on LinkedIn posts is not supported yet: post text (links unfurl on LinkedIn)'
        : `${platform} allows at most ${MAX_MEDIA[platform]} media items`,
    );
  }
  if (platform === 'instagram' && media.length === 0)
    throw bad('an Instagram post needs at least one image or video');
  if (platform === 'facebook' && media.some((m) => m.type !== 'image')) {
    throw bad('Facebook posts support images only (video is not supported yet)');
  }
  if (content.trim() === '' && media.length === 0) throw bad('a post needs content or media');
}
