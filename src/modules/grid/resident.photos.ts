// Residents' photos: at most nine per report, each under the size cap; the check itself (type off the bytes,
// declared pixel size, decompression bombs) is the platform's (src/platform/photos.ts).
export { checkPhoto, imageDimensions, PHOTO_MAX_PIXELS, PHOTO_MAX_SIDE, type PhotoVerdict } from '../../platform/photos.ts';

export const MAX_PHOTOS = 9;
/** One photo's largest size: a phone's photo, not a video or an archive. */
export const PHOTO_MAX_MB = 10;
