/**
 * @jest-environment jsdom
 *
 * Which owner I am, remembered in this machine's storage (never in the workbook); a webview that
 * refuses storage just does not remember.
 */
import { rememberedOwner, rememberOwner } from '../../src/taskpane/ownerChoice';

afterEach(() => {
  jest.restoreAllMocks();
  localStorage.clear();
});

test('never chosen, then an owner, then all owners — each remembered as such', () => {
  expect(rememberedOwner()).toBeUndefined(); // never asked: the pane asks
  rememberOwner('张敏');
  expect(rememberedOwner()).toBe('张敏');
  expect(localStorage.getItem('launchTracker.owner')).toBe('张敏');
  rememberOwner(null);
  expect(rememberedOwner()).toBeNull(); // "all" is a choice: not asked again
  expect(localStorage.getItem('launchTracker.owner')).toBe('');
});

test('storage that throws (a locked-down webview): nothing remembered, nothing thrown', () => {
  jest.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
    throw new DOMException('denied', 'SecurityError');
  });
  jest.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
    throw new DOMException('denied', 'SecurityError');
  });
  expect(() => rememberOwner('张敏')).not.toThrow();
  expect(rememberedOwner()).toBeUndefined();
});
