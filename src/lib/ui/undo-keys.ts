/**
 * The undo shortcuts: Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z and Ctrl+Y redo. Inside a text field the
 * browser's own undo of that field's typing wins, as people expect.
 */
export type UndoKey = 'undo' | 'redo' | undefined;

export function undoKey(event: KeyboardEvent): UndoKey {
	if (!(event.ctrlKey || event.metaKey) || event.altKey) return undefined;
	const target = event.target as HTMLElement | null;
	if (target?.closest('input, textarea, select, [contenteditable="true"]')) return undefined;
	const key = event.key.toLowerCase();
	if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
	if (key === 'y' && !event.shiftKey) return 'redo';
	return undefined;
}
