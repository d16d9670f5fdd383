/**
 * The one page of the app: only it may call main over IPC or be navigated to. Kept apart
 * from the Electron glue so the rule is tested under plain Node.
 */
export function isAppPage(url: string, appUrl: string): boolean {
  try {
    const page = new URL(url);
    const app = new URL(appUrl);
    return (
      page.protocol === app.protocol && page.host === app.host && page.pathname === app.pathname
    );
  } catch {
    return false;
  }
}
