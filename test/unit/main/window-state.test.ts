import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, restoreWindowState } from '../../../electron/main/window-state';

const display = { x: 0, y: 0, width: 1920, height: 1080 };

describe('remembered window state', () => {
  it('restores a saved position that is on a display', () => {
    const saved = { bounds: { x: 100, y: 50, width: 1400, height: 900 }, maximized: true };
    expect(restoreWindowState(saved, [display])).toEqual({
      bounds: { x: 100, y: 50, width: 1400, height: 900 },
      maximized: true,
    });
  });

  it('drops a position on a display that is gone, keeping the size', () => {
    const saved = { bounds: { x: 2500, y: 50, width: 1400, height: 900 }, maximized: false };
    expect(restoreWindowState(saved, [display]).bounds).toEqual({ width: 1400, height: 900 });
  });

  it('falls back to the default for a missing or corrupt file', () => {
    expect(restoreWindowState(null, [display]).bounds).toEqual(DEFAULT_SIZE);
    expect(restoreWindowState({ bounds: { x: 'a' } }, [display]).bounds).toEqual(DEFAULT_SIZE);
  });

  it('never restores a window smaller than usable', () => {
    const saved = { bounds: { x: 10, y: 10, width: 20, height: 20 }, maximized: false };
    expect(restoreWindowState(saved, [display]).bounds).toEqual({
      x: 10,
      y: 10,
      width: 900,
      height: 600,
    });
  });
});
