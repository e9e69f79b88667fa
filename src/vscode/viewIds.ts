/** The contributed views' ids (package.json), in a module light enough for activation to import. */
export const CHAT_VIEW_ID = 'stepFlash.chatView';
export const CHANGES_VIEW_ID = 'stepFlash.changes';
