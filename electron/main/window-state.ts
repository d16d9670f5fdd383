/**
 * The main window's size and position, remembered between runs in a small JSON file. A saved
 * position that no longer fits any display (a monitor was unplugged) is dropped rather than
 * opening the window off-screen.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export type Bounds = { x: number; y: number; width: number; height: number };
export type WindowState = { bounds: Bounds; maximized: boolean };

export const DEFAULT_SIZE = { width: 1280, height: 820 };
const MIN_SIZE = { width: 900, height: 600 };

function isBounds(value: unknown): value is Bounds {
  if (typeof value !== 'object' || value === null) return false;
  const { x, y, width, height } = value as Record<string, unknown>;
  return [x, y, width, height].every((n) => typeof n === 'number' && Number.isFinite(n));
}

/** The saved state if it still makes sense on these displays; otherwise just a default size. */
export function restoreWindowState(
  saved: unknown,
  displays: readonly Bounds[],
): { bounds: Partial<Bounds> & { width: number; height: number }; maximized: boolean } {
  const candidate = saved as Partial<WindowState> | null;
  if (!candidate || !isBounds(candidate.bounds)) return { bounds: DEFAULT_SIZE, maximized: false };
  const width = Math.max(candidate.bounds.width, MIN_SIZE.width);
  const height = Math.max(candidate.bounds.height, MIN_SIZE.height);
  const { x, y } = candidate.bounds;
  // At least the title bar's first 100 px must land on some display.
  const visible = displays.some(
    (display) =>
      x + 100 > display.x &&
      x < display.x + display.width &&
      y >= display.y &&
      y < display.y + display.height,
  );
  return {
    bounds: visible ? { x, y, width, height } : { width, height },
    maximized: candidate.maximized === true,
  };
}

export function loadWindowState(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  try {
    writeFileSync(file, JSON.stringify(state));
  } catch {
    // Losing the window position is not worth failing a shutdown over.
  }
}
