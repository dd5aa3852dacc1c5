/**
 * Hands the person a file the pane made, as a browser download. A data: URL rather than a blob:
 * URL where the text is small: task panes have refused to open blob: URLs (OfficeDev/office-js#1511,
 * the Office CSP's frame-src), and data: URLs are what other add-ins found to work in Office's
 * webviews. Large texts (a whole portfolio's calendar) go as a blob, which a data: URL of many
 * megabytes would make slow.
 */
const DATA_URL_LIMIT = 1_000_000;

export function saveFile(fileName: string, text: string, mime: string): void {
  const anchor = document.createElement('a');
  let blobUrl: string | null = null;
  if (text.length <= DATA_URL_LIMIT) anchor.href = `data:${mime};charset=utf-8,${encodeURIComponent(text)}`;
  else anchor.href = blobUrl = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  anchor.download = fileName;
  anchor.style.display = 'none';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  if (blobUrl) setTimeout(() => URL.revokeObjectURL(blobUrl!), 60_000);
}
