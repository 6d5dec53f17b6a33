/**
 * Saves `data` as a file through the browser: a Blob behind an object URL, clicked from a detached link, the URL
 * revoked once the click has handed it over. Browser only.
 *
 * @param data the file's content
 * @param name the file name (see `downloadName`)
 * @param type its MIME type (text types get `charset=utf-8`)
 * @example downloadFile(messagesCsv(analysis), 'chan-s1-messages.csv', 'text/csv')
 */
export function downloadFile(data: string | Blob, name: string, type: string): void {
  const blob = typeof data === 'string' ? new Blob([data], { type: `${type};charset=utf-8` }) : data;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is ample.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
