// The names of the renderer's performance marks, shared with bench/ui-first-render.ts (which
// reads them back from the page) without pulling in anything that needs a DOM.

/** A chat was chosen (list click, keyboard, notification). */
export const CHAT_OPEN_MARK = 'chat-open';
/** The frame after the chat's first rows were painted. */
export const CHAT_FIRST_RENDER_MARK = 'chat-first-render';
