/**
 * A file's bytes as base64, the form the desk takes them in (JSON and IPC carry text). The
 * browser's own data-URL reader encodes off the page's thread, with no string built byte by
 * byte here.
 */
export function fileAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      // "data:<type>;base64,<bytes>": everything after the first comma.
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => {
      reject(reader.error ?? new Error('The file could not be read.'));
    };
    reader.readAsDataURL(file);
  });
}
