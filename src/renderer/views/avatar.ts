import { resizeAvatar } from '../avatar/resize';

/** The avatar preparation the forms use in the app (tests give the forms their own). */
export const prepareAvatar = (file: File): Promise<string> => resizeAvatar(file);
