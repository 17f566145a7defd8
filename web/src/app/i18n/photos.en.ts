// Issue 16, item 9: a project's before and after photos (English; zh-CN first in photos.zh-CN.ts).
import type { projectPhotosZh } from './photos.zh-CN.ts';

export const projectPhotosEn: typeof projectPhotosZh = {
  tab: 'Before and after',
  tags: { before: 'Before', after: 'After' },
  count: '{{n}}',
  empty: { before: 'No photos before renovation yet', after: 'No photos after renovation yet' },
  add: 'Upload a photo',
  tag: 'Kind',
  tagPlaceholder: 'Before or after',
  chooseTagFirst: 'Choose whether the photo is from before or after the renovation, then pick the image (PNG or JPEG, at most 10 MB).',
  caption: 'Caption',
  captionPlaceholder: 'Optional, e.g. north wall',
  building: 'Place',
  buildingPlaceholder: 'Optional: the building',
  choose: 'Choose an image and upload',
  remove: 'Remove',
  removeConfirm: 'Remove this photo? The removal is recorded in the audit log.',
  removed: 'Photo removed',
  removeFailed: 'Could not remove the photo',
  ofCompound: 'Before and after photos: {{before}} before, {{after}} after',
  ofCompoundNone: 'Before and after photos: none yet',
};
