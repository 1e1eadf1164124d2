/**
 * The media library: media and their stored files. The SQL is media/'s own (media/migration.ts,
 * which its tests apply alone); its place in the order is here.
 */
export { MEDIA_MIGRATION } from '../../../media/index.ts';
