/** Saves bytes as a file through the browser's download, without a server round trip. */
export function downloadBytes(bytes: Uint8Array, fileName: string, type: string): void {
	const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.click();
	// The click starts the download synchronously; the URL can go on the next turn.
	setTimeout(() => URL.revokeObjectURL(url));
}
