// The one line the player's shell itself may show, apart from messages.ts so the boot code does
// not carry the renderers' and the pairing view's words (they load with their own chunks).

export const shellMessages = {
  /** A small notice when another tab or box took over this screen's connection (close 4004). */
  replaced: 'Màn hình này đang được phát ở một thẻ hoặc thiết bị khác.',
};
